import { z } from 'zod';
import { Conversation, Customer, Order } from '../domain/entities';
import { AuditPage, AuditQuery } from './audit';
import { storableText } from './text';

/**
 * Lookups: request/response calls from an engine to the server, over the sync socket, for what
 * is not replicated to it (customers outside the rep's conversations, the audit log). Each is one
 * `lookup:<name>` event with a request schema and an ack `{ ok, value } | { ok: false, error }`,
 * authorised on every call like sync events (README "Lookups").
 */
interface LookupDef<E extends string, Q extends z.ZodType, R extends z.ZodType> {
  readonly event: E;
  readonly request: Q;
  readonly response: R;
}

function defineLookup<E extends string, Q extends z.ZodType, R extends z.ZodType>(
  event: E,
  request: Q,
  response: R,
): LookupDef<E, Q, R> {
  return { event, request, response };
}

/** How a customer matched a search: the field that holds what the rep typed. */
export const CustomerMatch = z.enum(['name', 'email', 'phone', 'handle', 'order', 'tracking']);
export type CustomerMatch = z.infer<typeof CustomerMatch>;

export const CustomerHit = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  matchedBy: CustomerMatch,
  /** The value that matched, as stored: the phone number as written, "#1042", the tracking number… */
  matched: z.string(),
});
export type CustomerHit = z.infer<typeof CustomerHit>;

export const CustomerSearchRequest = z.object({
  /** A name (or part of one), an email, a phone number in any format, an order or tracking number. */
  query: storableText(z.string().trim().min(1).max(200)),
  limit: z.number().int().min(1).max(50).default(20),
});
export type CustomerSearchRequest = z.infer<typeof CustomerSearchRequest>;

export const CustomerSearchResult = z.object({ hits: z.array(CustomerHit) });
export type CustomerSearchResult = z.infer<typeof CustomerSearchResult>;

export const CustomerRequest = z.object({ customerId: storableText(z.string().min(1).max(128)) });
export type CustomerRequest = z.infer<typeof CustomerRequest>;

/** A merge (a `link`) into a customer, as its history lists it; `id` is the link action's id. */
export const MergeEntry = z.object({
  id: z.string(),
  sourceCustomerId: z.string(),
  /** The merged-away customer's name when it was merged. */
  sourceName: z.string(),
  targetCustomerId: z.string(),
  /** Who merged (a user id) and when. */
  by: z.string(),
  at: z.number().int(),
  identityCount: z.number().int().nonnegative(),
  orderCount: z.number().int().nonnegative(),
  conversationCount: z.number().int().nonnegative(),
  undoneAt: z.number().int().nullable(),
  undoneBy: z.string().nullable(),
  /** The undo's action id: its audit rows carry it (`lookup:audit` `actionId`). */
  undoActionId: z.string().nullable(),
});
export type MergeEntry = z.infer<typeof MergeEntry>;

/**
 * How a connected store (Shopify) knows the customer: its customer id and what matched them, when
 * their purchase history was fetched, and why the last fetch failed (`server/crm/`).
 */
export const ConnectedRecord = z.object({
  source: z.string(),
  /** Null: the store has no customer with these emails or phones (or several: none was chosen). */
  externalId: z.string().nullable(),
  matchedBy: z.string().nullable(),
  fetchedAt: z.number().int().nullable(),
  error: z.string().nullable(),
  checkedAt: z.number().int(),
});
export type ConnectedRecord = z.infer<typeof ConnectedRecord>;

/** One customer as a rep may see it: every identity and order, and the conversations of the rep's teams only. */
export const CustomerRecord = z.object({
  customer: Customer,
  orders: z.array(Order),
  conversations: z.array(Conversation),
  /** The merges into this customer, newest first (protocol 10 on; optional: older servers and cached copies lack it). */
  merges: z.array(MergeEntry).optional(),
  /** Protocol 20 on: the connected stores that know (or were asked about) the customer. */
  connected: z.array(ConnectedRecord).optional(),
});
export type CustomerRecord = z.infer<typeof CustomerRecord>;

export const MergePreviewRequest = z.object({
  sourceCustomerId: storableText(z.string().min(1).max(128)),
  targetCustomerId: storableText(z.string().min(1).max(128)),
});
export type MergePreviewRequest = z.infer<typeof MergePreviewRequest>;

/** The customer a merge of the source into the target would leave, before the rep confirms it. */
export const MergePreview = z.object({
  /** The target with every identity of both. */
  customer: Customer,
  orderCount: z.number().int().nonnegative(),
  lifetimeValue: z.array(z.object({ currency: z.string(), cents: z.number().int() })),
  /** Every conversation of both, in any team (a count only: other teams' conversations never travel). */
  conversationCount: z.number().int().nonnegative(),
});
export type MergePreview = z.infer<typeof MergePreview>;

/** Satisfaction scores answered in [from, to), for leads and admins (server/db/csat.ts). */
export const CsatReportRequest = z.object({
  /** One team of the caller's; null: every team the caller reads. */
  teamId: storableText(z.string().min(1).max(128)).nullable(),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  /** Days are local days this many minutes east of UTC. */
  tzOffsetMinutes: z.number().int().min(-840).max(840),
});
export type CsatReportRequest = z.infer<typeof CsatReportRequest>;

const CsatTally = z.object({
  responses: z.number().int().nonnegative(),
  /** The sum of the scores (1–5): the average is scoreTotal / responses. */
  scoreTotal: z.number().int().nonnegative(),
  /** Answers of 4 or 5: the CSAT rate is satisfied / responses. */
  satisfied: z.number().int().nonnegative(),
});

export const CsatReport = z.object({
  /** Each team: its question (null: it sends no survey), its answers and the surveys it sent in the range. */
  teams: z.array(
    CsatTally.extend({ teamId: z.string(), question: z.string().nullable(), sent: z.number().int().nonnegative() }),
  ),
  /** Surveys sent in the range. */
  sent: z.number().int().nonnegative(),
  /** Local midnight of each day with answers. */
  days: z.array(CsatTally.extend({ day: z.number().int() })),
  /** By the rep the conversation was assigned to when it was resolved (null: nobody). */
  reps: z.array(CsatTally.extend({ repId: z.string().nullable() })),
});
export type CsatReport = z.infer<typeof CsatReport>;

/** Assignment counts of conversations in [from, to), from the audit log, for leads and admins. */
export const AssignmentCountsRequest = z.object({
  /** One team of the caller's; null: every team the caller reads. */
  teamId: storableText(z.string().min(1).max(128)).nullable(),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
});
export type AssignmentCountsRequest = z.infer<typeof AssignmentCountsRequest>;

const Count = z.number().int().nonnegative();
export const AssignmentCounts = z.object({
  /** A person gave an unassigned conversation to someone (themselves included). */
  assigned: Count,
  /** A person moved a conversation from one member to another. */
  reassigned: Count,
  /** A person or routing returned a conversation to the queue. */
  returned: Count,
  /** Routing gave an unassigned conversation to a rep. */
  routed: Count,
});
export type AssignmentCounts = z.infer<typeof AssignmentCounts>;

/** Every lookup, by name; the server's handlers are typed from this, so none can be missing. */
export const lookups = {
  customerSearch: defineLookup('lookup:customer-search', CustomerSearchRequest, CustomerSearchResult),
  customer: defineLookup('lookup:customer', CustomerRequest, CustomerRecord),
  mergePreview: defineLookup('lookup:merge-preview', MergePreviewRequest, MergePreview),
  /** Leads and admins only. */
  audit: defineLookup('lookup:audit', AuditQuery, AuditPage),
  /** Leads and admins only (protocol 12 on). */
  csat: defineLookup('lookup:csat', CsatReportRequest, CsatReport),
  /** Leads and admins only (protocol 17 on). */
  assignments: defineLookup('lookup:assignments', AssignmentCountsRequest, AssignmentCounts),
} as const;
export type Lookups = typeof lookups;
export type LookupName = keyof Lookups;
export type LookupInput<N extends LookupName> = z.input<Lookups[N]['request']>;
export type LookupRequest<N extends LookupName> = z.output<Lookups[N]['request']>;
export type LookupResult<N extends LookupName> = z.output<Lookups[N]['response']>;
