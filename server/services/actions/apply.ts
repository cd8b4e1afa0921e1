import type { Conversation, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import type { Action, ActionRequest, ActionResult } from '../../../shared/sync/actions';
import { getUser } from '../../db/accounts';
import { claimAction, recordActionResult } from '../../db/applied-actions';
import { appendChanges, NO_CHANGES } from '../../db/changes';
import type { AppendedChanges } from '../../db/changes';
import { getConversation } from '../../db/conversations';
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
 * Applies a rep action exactly once per action id: the claim of the id, the change and its
 * change-log rows commit together, and a repeat answers the first result and writes nothing.
 * A refused action (CaredeskError) rolls back, claim included.
 *
 * Lock order, as in every writer: the action id, the customers (advisory, only `link`), the
 * conversation row, then the change log (appended last).
 */
export async function applyAction(sql: Sql, user: User, request: ActionRequest, now: number): Promise<ActionOutcome> {
  const { id, action } = request;
  return sql.transaction(async (tx) => {
    const claim = await claimAction(
      tx,
      { id, userId: user.id, conversationId: action.conversationId, type: action.type },
      now,
    );
    if (!claim.claimed) {
      if (claim.userId !== user.id || claim.result === null) {
        throw new CaredeskError('invalid_input', 'That action id was already used for another action.');
      }
      return { result: claim.result, changes: NO_CHANGES, repeated: true };
    }
    if (action.type === 'link') await lockLinkedCustomers(tx, action.conversationId, action.customerId);
    const conversation = await getConversation(tx, action.conversationId, { forUpdate: true });
    if (!conversation || !user.teamIds.includes(conversation.teamId)) {
      throw new CaredeskError('not_found', 'That conversation does not exist or is not in your teams any more.');
    }
    await refuseIfReassigned(tx, user, conversation, action);
    const applied: Applied =
      action.type === 'link'
        ? await applyLink(tx, user, conversation, action.customerId)
        : await applyConversationAction(tx, { user, conversation, action, actionId: id, now });
    const changes = await appendChanges(tx, applied.changes, now, id);
    const result: ActionResult = { seq: changes.seq, message: applied.message ?? null, note: applied.note ?? null };
    await recordActionResult(tx, id, result);
    return { result, changes, repeated: false };
  });
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
