import { z } from 'zod';
import { Channel } from './channels';
import { IdentityKind } from './identity';
import { LinkSuggestion } from './link-suggestions';
import { AssignedReason } from './routing';
import { SlaPolicy } from './sla';
import { Cancellation, OrderLine, RefundRequest, Replacement, ShippingAddress } from './order-extras';
import type { SlaPriority } from './sla';

/** Timestamps are epoch milliseconds; money is integer minor units (cents). */
const Id = z.string().min(1).max(128);
const Millis = z.number().int().nonnegative();
const Cents = z.number().int();

export const Role = z.enum(['rep', 'lead', 'admin']);
export type Role = z.infer<typeof Role>;

export const Team = z.object({
  id: Id,
  name: z.string(),
  /** The service levels its leads set (`sla.ts`); absent or null: `DEFAULT_SLA_POLICY` (sync protocol 14 on). */
  sla: SlaPolicy.nullable().optional(),
});
export type Team = z.infer<typeof Team>;

export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  teamIds: z.array(Id),
  /**
   * False: an admin deactivated them (they cannot sign in nor be given work); absent (sync
   * protocol 15 and before) or true: active. Engines offer only active users for assignment.
   */
  active: z.boolean().optional(),
});
export type User = z.infer<typeof User>;

/**
 * One way of reaching a customer, keyed the way the provider keys the person (`identity.ts`): a
 * phone number (E.164; one serves SMS and WhatsApp), an email, or a provider's id for the person.
 * `kind`, `linkedBy`, `linkedAt` and `evidence` travel from sync protocol 6 on; an identity without
 * them is read by `kindOfChannel(channel)`.
 */
export const Identity = z.object({
  id: Id,
  customerId: Id,
  /** The channel it was first seen on; a phone's is `sms` or `whatsapp` (how engines before protocol 6 show it). */
  channel: Channel,
  /** The matching key: E.164, a lower-case email, or the provider's id (never a handle). */
  value: z.string(),
  /** As the customer or provider wrote it; for a provider id, the person's current handle. */
  display: z.string(),
  kind: IdentityKind.optional(),
  /** Who linked it to the customer: a user id, or `system`, `inbound` or `import` (`LINKED_BY`). */
  linkedBy: z.string().optional(),
  linkedAt: Millis.optional(),
  /** What the link rests on, in words (the first message it came with, the rep's merge, …). */
  evidence: z.string().optional(),
});
export type Identity = z.infer<typeof Identity>;

/** Who links an identity when no user does: a message's arrival, the server, an import or migration. */
export const LINKED_BY = { inbound: 'inbound', system: 'system', import: 'import' } as const;

export const Customer = z.object({
  id: Id,
  name: z.string(),
  /** The display of the customer's first email identity: the identities are its only record. */
  email: z.string().nullable(),
  createdAt: Millis,
  identities: z.array(Identity),
});
export type Customer = z.infer<typeof Customer>;

export const LineItem = z.object({
  sku: z.string(),
  title: z.string(),
  quantity: z.number().int().positive(),
  unitPriceCents: Cents,
  /** Protocol 20 on: the store's own id of the line, for an order a connected store keeps (Shopify's LineItem GID). */
  ref: z.string().max(128).optional(),
});
export type LineItem = z.infer<typeof LineItem>;

export const Payment = z.object({
  id: Id,
  method: z.string(),
  amountCents: Cents,
  status: z.enum(['authorized', 'captured', 'failed', 'refunded']),
  processedAt: Millis,
});
export type Payment = z.infer<typeof Payment>;

export const ShipmentStatus = z.enum(['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception']);
export type ShipmentStatus = z.infer<typeof ShipmentStatus>;

export const TrackingEvent = z.object({
  at: Millis,
  status: ShipmentStatus,
  location: z.string(),
  description: z.string(),
});
export type TrackingEvent = z.infer<typeof TrackingEvent>;

export const Shipment = z.object({
  id: Id,
  carrier: z.string(),
  trackingNumber: z.string(),
  trackingUrl: z.string(),
  status: ShipmentStatus,
  shippedAt: Millis,
  /** 0: the record gives no estimate (a store's fulfillment without one); nothing then names a date. */
  estimatedDelivery: Millis,
  deliveredAt: Millis.nullable(),
  events: z.array(TrackingEvent),
  /** A reship or replacement a rep sent (protocol 11 on). */
  replacement: Replacement.optional(),
});
export type Shipment = z.infer<typeof Shipment>;

export const Return = z.object({
  id: Id,
  status: z.enum(['requested', 'approved', 'received', 'rejected']),
  reason: z.string(),
  createdAt: Millis,
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })),
});
export type Return = z.infer<typeof Return>;

export const Refund = z.object({
  id: Id,
  amountCents: Cents,
  reason: z.string(),
  createdAt: Millis,
  /** Protocol 11 on: what a refund by line covered (absent: an amount on the whole order). */
  lines: z.array(OrderLine).optional(),
  /** Protocol 11 on: the user who made it, and the request it ran for when a lead approved one. */
  by: Id.optional(),
  requestId: Id.optional(),
});
export type Refund = z.infer<typeof Refund>;

export const OrderStatus = z.enum(['pending', 'paid', 'fulfilled', 'partially_fulfilled', 'cancelled', 'refunded']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Order = z.object({
  id: Id,
  customerId: Id,
  /** As the customer knows it, e.g. "#1042". */
  number: z.string(),
  placedAt: Millis,
  status: OrderStatus,
  currency: z.string().length(3),
  subtotalCents: Cents,
  shippingCents: Cents,
  taxCents: Cents,
  totalCents: Cents,
  lineItems: z.array(LineItem),
  payments: z.array(Payment),
  shipments: z.array(Shipment),
  returns: z.array(Return),
  refunds: z.array(Refund),
  /** Protocol 11 on (optional, so older engines drop them): set by order actions (`order-rules.ts`). */
  shippingAddress: ShippingAddress.optional(),
  refundRequests: z.array(RefundRequest).optional(),
  cancellation: Cancellation.optional(),
  /**
   * Protocol 20 on: the record it comes from (`ORDER_SOURCES`); absent: Caredesk's own. Its number
   * is unique within its source only.
   */
  source: z.string().min(1).max(32).optional(),
});
export type Order = z.infer<typeof Order>;

/** Where an order is kept: Caredesk's own records (the embedded CRM), or a connected store. */
export const ORDER_SOURCES = { caredesk: 'caredesk', shopify: 'shopify' } as const;
const ORDER_SOURCE_LABELS: Readonly<Record<string, string>> = { caredesk: 'Caredesk', shopify: 'Shopify' };

/** A source as reps read it ("Shopify"); an unknown one by its own name. */
export function sourceLabel(source: string | undefined): string {
  return ORDER_SOURCE_LABELS[source ?? ''] ?? source ?? 'the store';
}

/** Whether Caredesk keeps the order itself (order actions change only those), not a connected store. */
export function ownOrder(order: Pick<Order, 'source'>): boolean {
  return order.source === undefined || order.source === ORDER_SOURCES.caredesk;
}

/** `closed` is what reps see as "Resolved". */
export const ConversationStatus = z.enum(['open', 'pending', 'snoozed', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** A label reps put on conversations, e.g. "damaged" or "vip": lower case, no spaces at the ends. */
export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[^\s,][^,]*$/, 'A tag cannot contain commas');
export type Tag = z.infer<typeof Tag>;

/** A priority a person set on a conversation (`shared/domain/sla.ts`'s SlaPriority). */
export const ConversationPriority = z.enum(['urgent', 'high', 'normal']) satisfies z.ZodType<SlaPriority>;

export const Conversation = z.object({
  id: Id,
  teamId: Id,
  customerId: Id,
  /** The channel replies go out on: the channel of the latest inbound message. */
  channel: Channel,
  subject: z.string().nullable(),
  status: ConversationStatus,
  assigneeId: Id.nullable(),
  createdAt: Millis,
  lastMessageAt: Millis,
  lastMessagePreview: z.string(),
  /** When the oldest unanswered inbound message arrived; null when the customer is not waiting. */
  waitingSince: Millis.nullable(),
  /** Sorted, unique. */
  tags: z.array(z.string()),
  /** With status `snoozed`: when it comes back as open. */
  snoozedUntil: Millis.nullable(),
  /**
   * Customers the messages point at (sync protocol 8 on; absent means none). Older engines drop the
   * field and show no suggestions.
   */
  linkSuggestions: z.array(LinkSuggestion).max(20).optional(),
  /**
   * Why routing gave it to its assignee, or returned it to the queue (sync protocol 13 on; absent:
   * a person assigned it, or nobody did). Older engines drop the field.
   */
  assignedReason: AssignedReason.optional(),
  /**
   * The priority a person set (sync protocol 15 on; absent or null: automatic, from triage's
   * urgency). Older engines drop the field and show the automatic one.
   */
  priority: ConversationPriority.nullable().optional(),
});
export type Conversation = z.infer<typeof Conversation>;

/** `read`: the channel reported the customer read it (sync protocol 4 on; older engines skip such a change). */
export const MessageStatus = z.enum(['received', 'pending', 'sent', 'delivered', 'read', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatus>;

/**
 * What a rep did with the reply suggestions they were shown: sent one as written, sent it after
 * editing, or wrote their own instead.
 */
export const SuggestionOutcome = z.enum(['unchanged', 'edited', 'ignored']);
export type SuggestionOutcome = z.infer<typeof SuggestionOutcome>;

/**
 * A picture, file or voice note that came with an inbound message, kept by reference: where the
 * provider serves it, or its id there; Caredesk never holds its bytes.
 */
export const Attachment = z.object({
  /** Where the provider serves it (Twilio, Messenger); null when only an id names it. */
  url: z.string().nullable(),
  /** The provider's media id (WhatsApp Cloud API: fetched through the Graph API). */
  providerMediaId: z.string().nullable(),
  contentType: z.string(),
  /** Bytes, when the provider says. */
  size: z.number().int().nonnegative().nullable(),
  /** The file name an email attachment came with. */
  filename: z.string().nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

export const Message = z.object({
  id: Id,
  conversationId: Id,
  channel: Channel,
  direction: z.enum(['inbound', 'outbound']),
  /** The rep who wrote an outbound message; null for inbound. */
  authorId: Id.nullable(),
  body: z.string(),
  createdAt: Millis,
  status: MessageStatus,
  /** Idempotency key chosen by the sending client (outbound only). */
  clientId: z.string().nullable(),
  /**
   * With `failed`: the provider's error code and words, shown to the rep (sync protocol 9 on;
   * optional, so older engines read the message without it).
   */
  statusError: z.object({ code: z.string(), text: z.string() }).optional(),
  /**
   * What came with an inbound message, in the provider's order (sync protocol 18 on; optional:
   * absent is none, and older engines read the message without it).
   */
  attachments: z.array(Attachment).optional(),
  /**
   * A rep's reply sent while suggestions were offered: what became of them (sync protocol 21 on;
   * optional: absent is none offered, and older engines read the message without it).
   */
  suggestion: SuggestionOutcome.optional(),
});
export type Message = z.infer<typeof Message>;

/** An internal note on a conversation: seen by the team, never sent to the customer. */
export const Note = z.object({
  id: Id,
  conversationId: Id,
  authorId: Id,
  body: z.string(),
  createdAt: Millis,
  /** The action id that wrote it. */
  clientId: z.string(),
});
export type Note = z.infer<typeof Note>;

/**
 * What runs with a reply made from a canned resolution, queued with it: tags added, then resolve
 * (`closed`) or a snooze of so many hours.
 */
export const ResolutionThen = z.object({
  tags: z.array(Tag).max(10).optional(),
  status: z.literal('closed').optional(),
  snoozeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
});
export type ResolutionThen = z.infer<typeof ResolutionThen>;

/**
 * A canned resolution: a reply a rep keeps to send again. Personal ones belong to one rep and
 * travel only to that rep's engines (a change addressed to one user). A team's (`teamId`, sync
 * protocol 7 on) travel to every member of the team; its leads and admins write them, and
 * `ownerId` is who created it. `then`: actions queued with a reply made from it (protocol 7 on).
 */
export const CannedResolution = z.object({
  id: Id,
  ownerId: Id,
  title: z.string(),
  body: z.string(),
  updatedAt: Millis,
  teamId: Id.optional(),
  then: ResolutionThen.optional(),
});
export type CannedResolution = z.infer<typeof CannedResolution>;
