// Order actions waiting for the connected store that keeps the order (migration 022,
// `server/crm/writes.ts`). Claimed like reply sends: `for update skip locked`, released only by
// the process that still holds the claim.
import type { Order } from '../../shared/domain/entities';
import type { StoreWrite } from '../crm/connector';
import { json, num } from './sql';
import type { Sql } from './sql';

export interface StoreWriteJob {
  id: string;
  orderId: string;
  conversationId: string;
  actorId: string;
  source: string;
  change: StoreWrite;
  before: Order;
  attempts: number;
  claimedAt: number;
}

interface JobRow {
  id: string;
  order_id: string;
  conversation_id: string;
  actor_id: string;
  source: string;
  change: StoreWrite;
  before: Order;
  attempts: number | string;
}

const toJob = (row: JobRow, claimedAt: number): StoreWriteJob => ({
  id: row.id,
  orderId: row.order_id,
  conversationId: row.conversation_id,
  actorId: row.actor_id,
  source: row.source,
  change: row.change,
  before: row.before,
  attempts: num(row.attempts),
  claimedAt,
});

/** Queues the store's part of an order action, due at once (in the action's transaction). */
export async function enqueueStoreWrite(
  tx: Sql,
  job: {
    id: string;
    order: Order;
    conversationId: string;
    actorId: string;
    source: string;
    change: StoreWrite;
    before: Order;
  },
  now: number,
): Promise<void> {
  await tx.query(
    `insert into store_writes (id, order_id, conversation_id, actor_id, source, change, before, state, next_attempt_at, created_at)
     values ($1, $2, $3, $8, $4, $5::text::jsonb, $6::text::jsonb, 'queued', $7, $7) on conflict (id) do nothing`,
    [job.id, job.order.id, job.conversationId, job.source, json(job.change), json(job.before), now, job.actorId],
  );
}

/** Claims up to `limit` due writes for this process. */
export async function claimDueStoreWrites(sql: Sql, now: number, limit: number): Promise<StoreWriteJob[]> {
  const rows = await sql.query<JobRow>(
    `update store_writes set state = 'writing', claimed_at = $1, attempts = attempts + 1
     where id in (
       select id from store_writes where state = 'queued' and next_attempt_at <= $1
       order by next_attempt_at limit $2 for update skip locked)
     returning id, order_id, conversation_id, actor_id, source, change, before, attempts`,
    [now, limit],
  );
  return rows.map((row) => toJob(row, now));
}

/** Claims writes whose process stopped mid-write (claimed before `staleBefore`): the store may have made them. */
export async function claimInterruptedStoreWrites(
  sql: Sql,
  now: number,
  staleBefore: number,
  limit: number,
): Promise<StoreWriteJob[]> {
  const rows = await sql.query<JobRow>(
    `update store_writes set claimed_at = $1
     where id in (
       select id from store_writes where state = 'writing' and claimed_at < $2
       order by claimed_at limit $3 for update skip locked)
     returning id, order_id, conversation_id, actor_id, source, change, before, attempts`,
    [now, staleBefore, limit],
  );
  return rows.map((row) => toJob(row, now));
}

/** Puts a claimed write back for a later attempt; false when the claim is no longer ours. */
export async function rescheduleStoreWrite(sql: Sql, job: StoreWriteJob, at: number, error: string): Promise<boolean> {
  const rows = await sql.query(
    `update store_writes set state = 'queued', claimed_at = null, next_attempt_at = $3, last_error = $4
     where id = $1 and state = 'writing' and claimed_at = $2 returning id`,
    [job.id, job.claimedAt, at, error],
  );
  return rows.length === 1;
}

/** Ends a claimed write; false when the claim is no longer ours (another process settles it). */
export async function finishStoreWrite(tx: Sql, job: StoreWriteJob): Promise<boolean> {
  const rows = await tx.query(
    `delete from store_writes where id = $1 and state = 'writing' and claimed_at = $2 returning id`,
    [job.id, job.claimedAt],
  );
  return rows.length === 1;
}

/** How many writes wait for a store (health, tests). */
export async function pendingStoreWrites(sql: Sql): Promise<number> {
  const rows = await sql.query<{ n: string | number }>('select count(*) as n from store_writes');
  return num(rows[0]?.n ?? 0);
}
