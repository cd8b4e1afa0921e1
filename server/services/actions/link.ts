import type { Conversation, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import { MERGE_INTO_ITSELF } from '../../../shared/sync/actions';
import type { NewChange } from '../../db/changes';
import { customerChangesForTeam, customerDeletions, getCustomer, moveCustomer } from '../../db/customers';
import { insertMerge } from '../../db/merges';
import type { Sql } from '../../db/sql';
import type { Applied } from './conversation';

/**
 * Joins the conversation's customer into `targetId`, any customer of the organisation: every identity, conversation and order of
 * the one moves to the other, and the emptied customer is deleted. Every team that sees the
 * target then gets the whole target customer, its orders and the moved conversations, and every
 * team whose engines may hold the emptied customer a `delete` of it, in the same transaction.
 * What moved, as it was, is recorded as a merge named by the action's id (`undoMerge` reverses
 * it). A merge is never refused because both customers have orders. The caller holds both
 * customers' locks.
 */
export async function applyLink(
  tx: Sql,
  user: User,
  conversation: Conversation,
  target: { customerId: string; actionId: string },
  now: number,
): Promise<Applied> {
  const sourceId = conversation.customerId;
  const targetId = target.customerId;
  if (sourceId === targetId) throw new CaredeskError('invalid_input', MERGE_INTO_ITSELF);
  // Any customer the organisation's records hold (found with the customer lookup), not only those
  // with a conversation in the rep's teams: the link shows them to the conversation's team.
  const found = await getCustomer(tx, targetId);
  if (!found) throw new CaredeskError('not_found', 'That customer does not exist (any more).');
  // The moved identities are the target's now because this user said so, on this conversation.
  const moved = await moveCustomer(tx, sourceId, targetId, {
    linkedBy: user.id,
    linkedAt: now,
    evidence: `${user.name} linked conversation ${conversation.id} to this customer.`,
  });
  await insertMerge(tx, {
    id: target.actionId,
    sourceCustomerId: sourceId,
    targetCustomerId: targetId,
    mergedBy: user.id,
    mergedAt: now,
    source: moved.snapshot.customer,
    identities: moved.snapshot.identities,
    orderIds: moved.snapshot.orderIds,
    conversationIds: moved.snapshot.conversationIds,
  });
  const changes: NewChange[] = [];
  for (const teamId of moved.teamIds) changes.push(...(await customerChangesForTeam(tx, targetId, teamId)));
  for (const row of moved.conversations)
    changes.push({ teamId: row.teamId, change: { kind: 'conversation', data: row } });
  changes.push(...customerDeletions(sourceId, moved.sourceTeamIds));
  return { changes };
}
