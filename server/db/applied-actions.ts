import type { ActionResult, ActionType } from '../../shared/sync/actions';
import { json } from './sql';
import type { Sql } from './sql';

interface AppliedAction {
  id: string;
  userId: string;
  /** Null for an action on several conversations (its result has one outcome per conversation). */
  conversationId: string | null;
  type: ActionType;
  result: ActionResult;
}

export interface StoredAction {
  userId: string;
  result: ActionResult;
}

/** The action applied under this id, if any. */
export async function findAppliedAction(sql: Sql, id: string): Promise<StoredAction | null> {
  const rows = await sql.query<{ user_id: string; result: ActionResult }>(
    'select user_id, result from applied_actions where id = $1',
    [id],
  );
  const row = rows[0];
  return row ? { userId: row.user_id, result: row.result } : null;
}

/**
 * Records the action id with its result, last thing before the commit. False when the id is
 * already stored (a concurrent transaction applied it first: this one must roll back). A
 * concurrent insert of the same id waits here until the other transaction ends.
 */
export async function recordAppliedAction(tx: Sql, action: AppliedAction, now: number): Promise<boolean> {
  const rows = await tx.query(
    `insert into applied_actions (id, user_id, conversation_id, type, seq, result, created_at)
     values ($1, $2, $3, $4, $5, $6::text::jsonb, $7) on conflict (id) do nothing returning id`,
    [action.id, action.userId, action.conversationId, action.type, action.result.seq, json(action.result), now],
  );
  return rows.length > 0;
}
