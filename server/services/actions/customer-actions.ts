// Actions that change customers rather than the conversation they are made on: a link (a merge),
// its undo, and an identity split off. They take the locking path (apply.ts).
import type { Conversation, User } from '../../../shared/domain/entities';
import type { OneConversationAction } from '../../../shared/sync/actions';
import { getConversation } from '../../db/conversations';
import { lockCustomer } from '../../db/customers';
import { mergeCustomers } from '../../db/merges';
import type { Sql } from '../../db/sql';
import type { Applied } from './conversation';
import { applyLink } from './link';
import { applySplitIdentity } from './split';
import { applyUndoMerge } from './undo-merge';

export type CustomerAction = Extract<OneConversationAction, { type: 'link' | 'undoMerge' | 'splitIdentity' }>;
export type ConversationOnlyAction = Exclude<OneConversationAction, CustomerAction>;

const CUSTOMER_ACTION_TYPES: ReadonlySet<string> = new Set<CustomerAction['type']>([
  'link',
  'undoMerge',
  'splitIdentity',
]);

export function isCustomerAction(action: OneConversationAction): action is CustomerAction {
  return CUSTOMER_ACTION_TYPES.has(action.type);
}

/**
 * Locks every customer the action may change, in one order for every writer, before the
 * conversation row: the conversation's customer, and the link's target or the merge's two customers.
 */
export async function lockCustomersOf(tx: Sql, action: CustomerAction): Promise<void> {
  const current = await getConversation(tx, action.conversationId);
  const ids = current ? [current.customerId] : [];
  if (action.type === 'link') ids.push(action.customerId);
  if (action.type === 'undoMerge') {
    const merge = await mergeCustomers(tx, action.mergeId);
    if (merge) ids.push(merge.source, merge.target);
  }
  for (const customerId of [...new Set(ids)].sort()) await lockCustomer(tx, customerId);
}

/** Applies a customer action on its locked conversation (the customers' locks held). */
export function applyCustomerAction(
  tx: Sql,
  user: User,
  conversation: Conversation,
  action: CustomerAction,
  actionId: string,
  now: number,
): Promise<Applied> {
  switch (action.type) {
    case 'link':
      return applyLink(tx, user, conversation, { customerId: action.customerId, actionId }, now);
    case 'undoMerge':
      return applyUndoMerge(tx, user, conversation, { mergeId: action.mergeId, actionId }, now);
    case 'splitIdentity':
      return applySplitIdentity(tx, user, conversation, action.identityId, now);
  }
}
