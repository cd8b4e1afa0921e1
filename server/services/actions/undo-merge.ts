import type { Conversation, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import type { NewChange } from '../../db/changes';
import { moveConversations, moveOrders, ownersOf, relinkIdentity } from '../../db/customer-moves';
import {
  customerChangesForTeam,
  customerHeldByTeams,
  customerTeamIds,
  customerUpdates,
  getCustomer,
  insertCustomer,
} from '../../db/customers';
import { lockMerge, markMergeUndone } from '../../db/merges';
import type { MergeRecord } from '../../db/merges';
import type { Sql } from '../../db/sql';
import type { Applied } from './conversation';

function conflict(message: string): CaredeskError {
  return new CaredeskError('conflict', message);
}

/**
 * Reverses a merge exactly: the merged-away customer comes back with its id, name and creation
 * time; each moved identity goes back with how it had been linked (its display stays the newest
 * the provider sent); the moved orders (and their `customerId`) and conversations go back. Refused
 * with `conflict`, writing nothing, when it was undone already, when the target was merged away or
 * erased since, or when anything that moved no longer belongs to the target. What the target
 * gained since (a new identity, conversation or order) stays with it.
 *
 * Changes: the recreated customer with its orders for each team that has one of its conversations,
 * the conversations moved back, the target again for each team that may hold it, and a `delete` of each
 * moved order for the teams that may hold the target but not the recreated customer. The caller
 * holds both customers' locks (apply.ts).
 */
export async function applyUndoMerge(
  tx: Sql,
  user: User,
  conversation: Conversation,
  undo: { mergeId: string; actionId: string },
  now: number,
): Promise<Applied> {
  const merge = await lockMerge(tx, undo.mergeId);
  if (!merge) throw new CaredeskError('not_found', 'That merge does not exist.');
  if (merge.undoneAt !== null) throw conflict('That merge was undone already.');
  if (!(await getCustomer(tx, merge.targetCustomerId))) {
    throw conflict('The customer that merge went into was merged into another one since: undo that merge first.');
  }
  if (conversation.customerId !== merge.targetCustomerId) {
    throw conflict('This conversation no longer belongs to the customer that merge went into.');
  }
  if (await getCustomer(tx, merge.sourceCustomerId)) throw conflict('The merged-away customer exists again.');
  await refuseIfMovedSince(tx, merge);

  const { source } = merge;
  await insertCustomer(tx, {
    id: source.id,
    name: source.name,
    email: null,
    createdAt: source.createdAt,
    identities: [],
  });
  for (const identity of merge.identities) await relinkIdentity(tx, identity.id, source.id, identity);
  await moveOrders(tx, merge.orderIds, source.id);
  const conversations = await moveConversations(tx, merge.conversationIds, source.id);
  await markMergeUndone(tx, merge.id, { by: user.id, at: now, actionId: undo.actionId });

  const sourceTeams = await customerTeamIds(tx, source.id);
  const changes: NewChange[] = [];
  for (const teamId of sourceTeams) changes.push(...(await customerChangesForTeam(tx, source.id, teamId)));
  for (const row of conversations) changes.push({ teamId: row.teamId, change: { kind: 'conversation', data: row } });
  changes.push(...(await customerUpdates(tx, merge.targetCustomerId, true)));
  const heldTarget = await customerHeldByTeams(tx, merge.targetCustomerId);
  for (const teamId of heldTarget.filter((team) => !sourceTeams.includes(team))) {
    for (const id of merge.orderIds)
      changes.push({ teamId, change: { kind: 'delete', data: { entity: 'order', id } } });
  }
  return { changes };
}

/** Refuses when an identity, order or conversation the merge moved is no longer the target's. */
async function refuseIfMovedSince(tx: Sql, merge: MergeRecord): Promise<void> {
  const checks = [
    { table: 'identities', ids: merge.identities.map((identity) => identity.id), what: 'An identity' },
    { table: 'orders', ids: merge.orderIds, what: 'An order' },
    { table: 'conversations', ids: merge.conversationIds, what: 'A conversation' },
  ] as const;
  for (const { table, ids, what } of checks) {
    const owners = await ownersOf(tx, table, ids);
    if (ids.some((id) => owners.get(id) !== merge.targetCustomerId)) {
      throw conflict(`${what} that merge moved has changed customer since, or is gone: the merge cannot be undone.`);
    }
  }
}
