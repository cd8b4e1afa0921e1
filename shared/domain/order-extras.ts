import { z } from 'zod';

// What order actions add to an order (sync protocol 11 on, all optional on the wire: older engines
// drop them). Kept apart from entities.ts so the Order schema stays readable.

const Id = z.string().min(1).max(128);
const Millis = z.number().int().nonnegative();

/** A quantity of one SKU of an order: what a refund or a replacement covers. */
export const OrderLine = z.object({
  sku: z.string().trim().min(1).max(64),
  quantity: z.number().int().positive().max(10_000),
});
export type OrderLine = z.infer<typeof OrderLine>;

/** Where an order is delivered. `country` is an ISO 3166-1 alpha-2 code ("US", "GB"). */
export const ShippingAddress = z.object({
  name: z.string().max(200).optional(),
  lines: z.array(z.string()).min(1).max(3),
  city: z.string(),
  region: z.string().max(100).optional(),
  postcode: z.string(),
  country: z.string().length(2),
  /** When a rep changed it, and who (absent for the address the order was placed with). */
  changedAt: Millis.optional(),
  changedBy: Id.optional(),
});
export type ShippingAddress = z.infer<typeof ShippingAddress>;

/** The fixed reasons a refund is made for; the rep adds words of their own. */
export const RefundReason = z.enum([
  'damaged',
  'not_received',
  'wrong_item',
  'late',
  'quality',
  'changed_mind',
  'goodwill',
  'other',
]);
export type RefundReason = z.infer<typeof RefundReason>;

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  damaged: 'Damaged in transit',
  not_received: 'Not received',
  wrong_item: 'Wrong item sent',
  late: 'Arrived late',
  quality: 'Quality problem',
  changed_mind: 'Changed their mind',
  goodwill: 'Goodwill gesture',
  other: 'Other',
};

/**
 * A refund a rep asked for above their refund limit: it waits for a lead or admin of the
 * conversation's team, who approves it (the refund runs) or declines it with a reason.
 */
export const RefundRequest = z.object({
  id: Id,
  /** The conversation it was asked for on: where its approval is written. */
  conversationId: Id,
  amountCents: z.number().int().positive(),
  /** What it covers; absent: the whole order (everything still refundable). */
  lines: z.array(OrderLine).optional(),
  reason: RefundReason,
  note: z.string(),
  requestedBy: Id,
  requestedAt: Millis,
  status: z.enum(['awaiting_approval', 'approved', 'declined']),
  decidedBy: Id.optional(),
  decidedAt: Millis.optional(),
  declineReason: z.string().optional(),
});
export type RefundRequest = z.infer<typeof RefundRequest>;

/** Why a shipment was sent again, and what it carries (a reship or replacement). */
export const Replacement = z.object({
  reason: z.string(),
  lines: z.array(OrderLine),
  by: Id,
});
export type Replacement = z.infer<typeof Replacement>;

/** Who cancelled an order, when, and why. */
export const Cancellation = z.object({ at: Millis, by: Id, reason: z.string() });
export type Cancellation = z.infer<typeof Cancellation>;
