import type { Migration } from './types';

/**
 * Each user's refund limit, in minor units of whatever currency the order is in: a rep's refund
 * above it waits for a lead's approval (order actions, `shared/sync/actions/refund-order.ts`).
 * Null: the role's default (`refundLimitOf`: reps 5000, i.e. 50.00; leads and admins none).
 */
export const migration013: Migration = {
  version: 13,
  name: 'refund_limits',
  sql: `
    alter table users add column refund_limit_cents bigint
      constraint users_refund_limit_nonnegative check (refund_limit_cents is null or refund_limit_cents >= 0);
  `,
};
