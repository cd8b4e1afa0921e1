import { z } from 'zod';
import type { Customer, Order } from '../domain/entities';

/** What the suggestion engine knows about the customer: their profile and their orders, newest first or not. */
export interface CustomerRecord {
  customer: Customer;
  orders: readonly Order[];
}

export const FACT_KINDS = [
  'order_number',
  'amount',
  'date',
  'tracking_number',
  'carrier',
  'address',
  'product',
  'url',
] as const;
export const FactKind = z.enum(FACT_KINDS);
export type FactKind = z.infer<typeof FactKind>;

/** One value a suggestion quotes from the record, with where in the record it came from. */
export const Fact = z.object({
  kind: FactKind,
  value: z.string(),
  /** A path in the record, e.g. `orders[0].shipments[0].trackingNumber`, or `policy.returnWindowDays`. */
  source: z.string(),
});
export type Fact = z.infer<typeof Fact>;

/** Why a value in a suggestion's text could not be found in the customer's record. */
export const GroundingProblem = z.object({
  kind: FactKind,
  value: z.string(),
  reason: z.string(),
});
export type GroundingProblem = z.infer<typeof GroundingProblem>;

export const Grounding = z.object({ ok: z.boolean(), problems: z.array(GroundingProblem) });
export type Grounding = z.infer<typeof Grounding>;

export const Suggestion = z.object({
  /** 1 is the best. */
  rank: z.number().int().positive(),
  /** Which playbook wrote it, e.g. `order_status.tracking`. */
  playbook: z.string(),
  text: z.string(),
  facts: z.array(Fact),
  /** Only a suggestion whose text passed the grounding check may be sent with one key. */
  sendable: z.boolean(),
  problems: z.array(GroundingProblem),
});
export type Suggestion = z.infer<typeof Suggestion>;
