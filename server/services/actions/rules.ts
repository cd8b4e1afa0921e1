// What every path of applying an action shares: refusals, repeats and the outcome.
import type { Conversation, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import type { OneConversationAction } from '../../../shared/sync/actions';
import { getUser } from '../../db/accounts';
import { findAppliedAction } from '../../db/applied-actions';
import type { StoredAction } from '../../db/applied-actions';
import { NO_CHANGES } from '../../db/changes';
import type { AppendedChanges } from '../../db/changes';
import type { Sql } from '../../db/sql';
import type { ActionResult } from '../../../shared/sync/actions';

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
