import type { Conversation, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import { isOnManyConversations, isOnOneConversation, isOrderAction } from '../../../shared/sync/actions';
import type { ActionRequest, ActionResult, OneConversationAction } from '../../../shared/sync/actions';
import { findAppliedAction, recordAppliedAction } from '../../db/applied-actions';
import { readForAction, writeActionIfUnchanged } from '../../db/action-write';
import { appendChanges, appendedFor } from '../../db/changes';
import { lockConversationForAction } from '../../db/conversations';
import type { Sql } from '../../db/sql';
import { hasSqlState, SQLSTATE_UNIQUE_VIOLATION } from '../../errors';
import { planChanges, planConversationAction, writePlan } from './conversation';
import type { ActionContext, Applied, Plan } from './conversation';
import type { RecentConversations } from './recent-conversations';
import { applyRetry } from './retry';
import { applyOrderAction } from './order';
import { lockCustomer } from '../../db/customers';
import { getConversation } from '../../db/conversations';
import { applyCustomerAction, isCustomerAction, lockCustomersOf } from './customer-actions';
import type { ConversationOnlyAction } from './customer-actions';
import { applyToLibraryItems } from './library';
import { applyToMany } from './many';
import { AppliedMeanwhile, notInYourTeams, refuseIfReassigned, repeat, repeatOf } from './rules';
import type { ActionOutcome } from './rules';

export type { ActionOutcome } from './rules';

/**
 * Applies a rep action exactly once per action id: the change, its change-log rows and the id
 * with its result commit together, and a repeat answers the first result and writes nothing.
 * A refused action (CaredeskError) leaves no trace.
 *
 * Most actions take the optimistic path: decide on the conversation as last seen (`recent`, or
 * read), then write everything in one statement if the row is still exactly that. A link, a
 * conversation that keeps changing under it, and any clash of ids (a repeat) take the locking
 * path, a transaction that decides on the locked row. So do the other customer actions (an undone
 * merge, a split identity): they lock the customers they change first (customer-actions.ts).
 */
export async function applyAction(
  sql: Sql,
  user: User,
  request: ActionRequest,
  now: number,
  recent?: RecentConversations,
  sendsOn?: ActionContext['sendsOn'],
): Promise<ActionOutcome> {
  const { id, action } = request;
  if (isOnManyConversations(action)) {
    for (const conversationId of action.items.map((item) => item.conversationId)) recent?.delete(conversationId);
    return applyToMany(sql, user, id, action, now);
  }
  if (!isOnOneConversation(action)) return applyToLibraryItems(sql, user, id, action, now);
  // A customer action locks customers, an order action its order, a retry its reply: each decides on locked rows.
  if (!isCustomerAction(action) && !isOrderAction(action) && action.type !== 'retry') {
    const outcome = await applyOptimistically(sql, user, id, action, now, recent, sendsOn);
    if (outcome) return outcome;
  }
  recent?.delete(action.conversationId);
  return applyLocking(sql, user, id, action, now, sendsOn);
}

const OPTIMISTIC_ATTEMPTS = 3;

/** Null when the locking path must decide (see applyAction). */
async function applyOptimistically(
  sql: Sql,
  user: User,
  id: string,
  action: ConversationOnlyAction,
  now: number,
  recent: RecentConversations | undefined,
  sendsOn: ActionContext['sendsOn'],
): Promise<ActionOutcome | null> {
  let remembered = recent?.get(action.conversationId);
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
    const copy = remembered;
    remembered = undefined;
    let conversation: Conversation;
    if (copy) conversation = copy;
    else {
      const read = await readForAction(sql, action.conversationId, id);
      if (read.applied) return repeatOf(user, read.applied);
      if (!read.conversation) throw notInYourTeams();
      conversation = read.conversation;
    }
    let plan: Plan;
    try {
      if (!user.teamIds.includes(conversation.teamId)) throw notInYourTeams();
      await refuseIfReassigned(sql, user, conversation, action);
      plan = await planConversationAction(sql, { user, conversation, action, actionId: id, now, sendsOn });
    } catch (error) {
      // Nothing is refused on a remembered copy alone: decide again on what the database holds.
      if (copy && error instanceof CaredeskError) continue;
      throw error;
    }
    const changes = planChanges(plan, conversation.teamId);
    const partial = { message: plan.message, note: plan.note };
    let seq: number | null;
    try {
      seq = await writeActionIfUnchanged(sql, {
        seen: conversation,
        ...plan,
        changes,
        action: { id, userId: user.id, type: action.type, result: partial },
        now,
      });
    } catch (error) {
      if (hasSqlState(error, SQLSTATE_UNIQUE_VIOLATION)) return null;
      throw error;
    }
    if (seq === null) continue;
    recent?.set(plan.next ?? conversation);
    return { result: { seq, ...partial }, changes: appendedFor(changes, seq), repeated: false };
  }
  return null;
}

/** The locking path: one transaction that decides on the conversation's locked row. */
async function applyLocking(
  sql: Sql,
  user: User,
  id: string,
  action: OneConversationAction,
  now: number,
  sendsOn: ActionContext['sendsOn'],
): Promise<ActionOutcome> {
  try {
    return await sql.transaction((tx) => applyInTransaction(tx, user, id, action, now, sendsOn));
  } catch (error) {
    if (!(error instanceof AppliedMeanwhile)) throw error;
    return repeat(sql, user, id);
  }
}

async function applyInTransaction(
  tx: Sql,
  user: User,
  id: string,
  action: OneConversationAction,
  now: number,
  sendsOn: ActionContext['sendsOn'],
): Promise<ActionOutcome> {
  if (isCustomerAction(action)) await lockCustomersOf(tx, action);
  if (isOrderAction(action)) {
    // The customer's lock first, as everywhere (README "Storage"), then the conversation, then the order.
    const current = await getConversation(tx, action.conversationId);
    if (current) await lockCustomer(tx, current.customerId);
  }
  const locked = await lockConversationForAction(tx, action.conversationId, id);
  if (locked?.applied) throw new AppliedMeanwhile();
  if (!locked || !user.teamIds.includes(locked.conversation.teamId)) {
    // A repeat of an action on a conversation that has gone since still answers its result.
    if (await findAppliedAction(tx, id)) throw new AppliedMeanwhile();
    throw notInYourTeams();
  }
  const { conversation } = locked;
  await refuseIfReassigned(tx, user, conversation, action);
  const applied: Applied = isCustomerAction(action)
    ? await applyCustomerAction(tx, user, conversation, action, id, now)
    : isOrderAction(action)
      ? await applyOrderAction(tx, user, conversation, action, id, now)
      : action.type === 'retry'
        ? await applyRetry(tx, conversation, action, now)
        : await writePlan(
            tx,
            await planConversationAction(tx, { user, conversation, action, actionId: id, now, sendsOn }),
            conversation,
          );
  if (applied.repeat) throw new AppliedMeanwhile();
  const changes = await appendChanges(tx, applied.changes, now, { actor: user.id, type: action.type, actionId: id });
  const result: ActionResult = { seq: changes.seq, message: applied.message ?? null, note: applied.note ?? null };
  const recorded = await recordAppliedAction(
    tx,
    { id, userId: user.id, conversationId: action.conversationId, type: action.type, result },
    now,
  );
  if (!recorded) throw new AppliedMeanwhile();
  return { result, changes, repeated: false };
}
