// What every path of applying an action shares: refusals, repeats and the outcome.
import type { Conversation, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import type { OneConversationAction } from '../../../shared/sync/actions';
import { getUser } from '../../db/accounts';
import { findAppliedAction, recordAppliedAction } from '../../db/applied-actions';
import type { StoredAction } from '../../db/applied-actions';
import { appendChanges, NO_CHANGES } from '../../db/changes';
import type { AppendedChanges, NewChange } from '../../db/changes';
import type { Sql } from '../../db/sql';
import type { Action, ActionResult } from '../../../shared/sync/actions';

export interface ActionOutcome {
  result: ActionResult;
  changes: AppendedChanges;
  /** True when this action id was applied before: nothing new was written. */
  repeated: boolean;
}

export function notInYourTeams(): CaredeskError {
  return new CaredeskError('not_found', 'That conversation does not exist or is not in your teams any more.');
}

/** Thrown inside the transaction (rolling it back) when the action id was applied meanwhile or before. */
export class AppliedMeanwhile extends Error {}

/** The first result of an action id, for its own user; anyone else reusing the id is refused. */
export async function repeat(sql: Sql, user: User, id: string): Promise<ActionOutcome> {
  const stored = await findAppliedAction(sql, id);
  if (!stored) throw new Error(`action ${id} was applied meanwhile but cannot be found`);
  return repeatOf(user, stored);
}

export function repeatOf(user: User, stored: StoredAction): ActionOutcome {
  if (stored.userId !== user.id) {
    throw new CaredeskError('invalid_input', 'That action id was already used for another action.');
  }
  return { result: stored.result, changes: NO_CHANGES, repeated: true };
}

/**
 * A rep acted on what their view showed; when the conversation was given to someone else since,
 * their action would overrule that person, so it is refused with who has it now. Leads and
 * admins reassign on purpose and are never refused for this.
 */
export async function refuseIfReassigned(
  tx: Sql,
  user: User,
  conversation: Conversation,
  action: OneConversationAction,
): Promise<void> {
  if (user.role !== 'rep') return;
  const now = conversation.assigneeId;
  if (now === null || now === user.id || now === action.seenAssigneeId) return;
  const assignee = await getUser(tx, now);
  throw new CaredeskError(
    'conflict',
    `This conversation was reassigned to ${assignee?.name ?? 'another rep'} before your change reached the server.`,
  );
}

/**
 * An action decided in one transaction of its own: `decide` runs in it (after checking the id
 * was not applied before) and ends with `commitAction`; a repeat of the id answers the first result.
 */
export async function appliedOnce(
  sql: Sql,
  user: User,
  id: string,
  decide: (tx: Sql) => Promise<ActionOutcome>,
): Promise<ActionOutcome> {
  try {
    return await sql.transaction(async (tx) => {
      if (await findAppliedAction(tx, id)) throw new AppliedMeanwhile();
      return decide(tx);
    });
  } catch (error) {
    if (!(error instanceof AppliedMeanwhile)) throw error;
    return repeat(sql, user, id);
  }
}

/** Appends an action's changes, then records its id with the result: the last writes of its transaction. */
export async function commitAction(
  tx: Sql,
  user: User,
  request: { id: string; action: Action; conversationId: string | null },
  changes: readonly NewChange[],
  now: number,
  result: Omit<ActionResult, 'seq'>,
): Promise<ActionOutcome> {
  const { id, action, conversationId } = request;
  const appended = await appendChanges(tx, changes, now, { actor: user.id, type: action.type, actionId: id });
  const full: ActionResult = { seq: appended.seq, ...result };
  const recorded = await recordAppliedAction(
    tx,
    { id, userId: user.id, conversationId, type: action.type, result: full },
    now,
  );
  if (!recorded) throw new AppliedMeanwhile();
  return { result: full, changes: appended, repeated: false };
}
