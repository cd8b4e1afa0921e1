import type { ActionResult, ActionType } from '../../shared/sync/actions';
import { json } from './sql';
import type { Sql } from './sql';

interface AppliedActionKey {
  id: string;
  userId: string;
  conversationId: string;
  type: ActionType;
}

/**
 * Claims an action id for this transaction. The first statement of every action transaction:
 * a concurrent claim of the same id waits here until the other transaction ends, and finds its
 * row once it committed. Returns the stored result when the id was applied before (by anyone).
 */
export async function claimAction(
  tx: Sql,
  key: AppliedActionKey,
  now: number,
): Promise<{ claimed: true } | { claimed: false; userId: string; result: ActionResult | null }> {
  const inserted = await tx.query(
    `insert into applied_actions (id, user_id, conversation_id, type, created_at) values ($1, $2, $3, $4, $5)
     on conflict (id) do nothing returning id`,
    [key.id, key.userId, key.conversationId, key.type, now],
  );
  if (inserted.length > 0) return { claimed: true };
  const rows = await tx.query<{ user_id: string; result: ActionResult | null }>(
    'select user_id, result from applied_actions where id = $1',
    [key.id],
  );
  const row = rows[0];
  if (!row) throw new Error(`action ${key.id} conflicted but cannot be found`);
  return { claimed: false, userId: row.user_id, result: row.result };
}

/** Stores the result a repeat of this action id answers with (same transaction as the claim). */
export async function recordActionResult(tx: Sql, id: string, result: ActionResult): Promise<void> {
  await tx.query('update applied_actions set seq = $2, result = $3::text::jsonb where id = $1', [
    id,
    result.seq,
    json(result),
  ]);
}
