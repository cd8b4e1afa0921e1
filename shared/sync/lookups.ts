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

/** One customer as a rep may see it: every identity and order, and the conversations of the rep's teams only. */
export const CustomerRecord = z.object({
  customer: Customer,
  orders: z.array(Order),
  conversations: z.array(Conversation),
});
export type CustomerRecord = z.infer<typeof CustomerRecord>;

/** Every lookup, by name; the server's handlers are typed from this, so none can be missing. */
export const lookups = {
  customerSearch: defineLookup('lookup:customer-search', CustomerSearchRequest, CustomerSearchResult),
  customer: defineLookup('lookup:customer', CustomerRequest, CustomerRecord),
  /** Leads and admins only. */
  audit: defineLookup('lookup:audit', AuditQuery, AuditPage),
} as const;
export type Lookups = typeof lookups;
export type LookupName = keyof Lookups;
export type LookupInput<N extends LookupName> = z.input<Lookups[N]['request']>;
export type LookupRequest<N extends LookupName> = z.output<Lookups[N]['request']>;
export type LookupResult<N extends LookupName> = z.output<Lookups[N]['response']>;
