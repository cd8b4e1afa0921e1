import type { Conversation, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import type { NewChange } from '../../db/changes';
import {
  customerChangesForTeam,
  customerDeletions,
  customerSeenByTeams,
  getCustomer,
  moveCustomer,
} from '../../db/customers';
import type { Sql } from '../../db/sql';
import type { Applied } from './conversation';

/**
 * Joins the conversation's customer into `targetId`: every identity, conversation and order of
 * the one moves to the other, and the emptied customer is deleted. Every team that sees the
 * target then gets the whole target customer, its orders and the moved conversations, and every
 * team whose engines may hold the emptied customer a `delete` of it, in the same transaction.
 * The caller holds both customers' locks.
 */
export async function applyLink(
  tx: Sql,
  user: User,
  conversation: Conversation,
  targetId: string,
  now: number,
): Promise<Applied> {
  const sourceId = conversation.customerId;
  if (sourceId === targetId) return { changes: [] };
  const target = await getCustomer(tx, targetId);
  const visible = target ? await customerSeenByTeams(tx, targetId, user.teamIds) : false;
  if (!target || !visible) {
    throw new CaredeskError('not_found', 'That customer does not exist or is not in your teams.');
  }
  // The moved identities are the target's now because this user said so, on this conversation.
  const moved = await moveCustomer(tx, sourceId, targetId, {
    linkedBy: user.id,
    linkedAt: now,
    evidence: `${user.name} linked conversation ${conversation.id} to this customer.`,
  });
  const changes: NewChange[] = [];
  for (const teamId of moved.teamIds) changes.push(...(await customerChangesForTeam(tx, targetId, teamId)));
  for (const row of moved.conversations)
    changes.push({ teamId: row.teamId, change: { kind: 'conversation', data: row } });
  changes.push(...customerDeletions(sourceId, moved.sourceTeamIds));
  return { changes };
}
