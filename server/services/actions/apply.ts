import type { Conversation, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import type { Action, ActionRequest, ActionResult } from '../../../shared/sync/actions';
import { getUser } from '../../db/accounts';
import { findAppliedAction, recordAppliedAction } from '../../db/applied-actions';
import { appendChanges, NO_CHANGES } from '../../db/changes';
import type { AppendedChanges } from '../../db/changes';
import { getConversation, lockConversationForAction } from '../../db/conversations';
import { lockCustomer } from '../../db/customers';
import type { Sql } from '../../db/sql';
import { applyConversationAction } from './conversation';
import type { Applied } from './conversation';
import { applyLink } from './link';

export interface ActionOutcome {
  result: ActionResult;
  changes: AppendedChanges;
  /** True when this action id was applied before: nothing new was written. */
  repeated: boolean;
}

/**
 * Applies a rep action exactly once per action id: the change, its change-log rows and the id
 * with its result commit together, and a repeat answers the first result and writes nothing.
 * A refused action (CaredeskError) rolls back and leaves no trace.
 *
 * Lock order, as in every writer: the customers (advisory, only `link`), the conversation row,
 * the change log, then the action id (recorded last; a concurrent same id waits there).
 */
export async function applyAction(sql: Sql, user: User, request: ActionRequest, now: number): Promise<ActionOutcome> {
  try {
    return await sql.transaction((tx) => applyInTransaction(tx, user, request, now));
  } catch (error) {
    if (!(error instanceof AppliedMeanwhile)) throw error;
    return repeat(sql, user, request.id);
  }
}

/** Thrown inside the transaction (rolling it back) when the action id was applied meanwhile or before. */
class AppliedMeanwhile extends Error {}

async function applyInTransaction(tx: Sql, user: User, request: ActionRequest, now: number): Promise<ActionOutcome> {
  const { id, action } = request;
  if (action.type === 'link') await lockLinkedCustomers(tx, action.conversationId, action.customerId);
  const locked = await lockConversationForAction(tx, action.conversationId, id);
  if (locked?.applied) throw new AppliedMeanwhile();
  if (!locked || !user.teamIds.includes(locked.conversation.teamId)) {
    // A repeat of an action on a conversation that has gone since still answers its result.
    if (await findAppliedAction(tx, id)) throw new AppliedMeanwhile();
    throw new CaredeskError('not_found', 'That conversation does not exist or is not in your teams any more.');
  }
  const { conversation } = locked;
  await refuseIfReassigned(tx, user, conversation, action);
  const applied: Applied =
    action.type === 'link'
      ? await applyLink(tx, user, conversation, action.customerId)
      : await applyConversationAction(tx, { user, conversation, action, actionId: id, now });
  if (applied.repeat) throw new AppliedMeanwhile();
  const changes = await appendChanges(tx, applied.changes, now, id);
  const result: ActionResult = { seq: changes.seq, message: applied.message ?? null, note: applied.note ?? null };
  const recorded = await recordAppliedAction(
    tx,
    { id, userId: user.id, conversationId: action.conversationId, type: action.type, result },
    now,
  );
  if (!recorded) throw new AppliedMeanwhile();
  return { result, changes, repeated: false };
}

/** The first result of an action id, for its own user; anyone else reusing the id is refused. */
async function repeat(sql: Sql, user: User, id: string): Promise<ActionOutcome> {
  const stored = await findAppliedAction(sql, id);
  if (!stored) throw new Error(`action ${id} was applied meanwhile but cannot be found`);
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
async function refuseIfReassigned(tx: Sql, user: User, conversation: Conversation, action: Action): Promise<void> {
  if (user.role !== 'rep') return;
  const now = conversation.assigneeId;
  if (now === null || now === user.id || now === action.seenAssigneeId) return;
  const assignee = await getUser(tx, now);
  throw new CaredeskError(
    'conflict',
    `This conversation was reassigned to ${assignee?.name ?? 'another rep'} before your change reached the server.`,
  );
}

/** Both customers, in one order for every writer, before the conversation row (see applyAction). */
async function lockLinkedCustomers(tx: Sql, conversationId: string, targetId: string): Promise<void> {
  const current = await getConversation(tx, conversationId);
  const ids = [...new Set([targetId, ...(current ? [current.customerId] : [])])].sort();
  for (const customerId of ids) await lockCustomer(tx, customerId);
}
