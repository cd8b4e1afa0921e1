import { randomUUID } from 'node:crypto';
import type { Conversation, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import { kindOfChannel } from '../../../shared/domain/identity';
import type { NewChange } from '../../db/changes';
import { channelsOfConversations, moveConversations, relinkIdentity } from '../../db/customer-moves';
import {
  customerChangesForTeam,
  customerTeamIds,
  customerUpdates,
  getCustomer,
  insertCustomer,
  storableIdentity,
} from '../../db/customers';
import type { Sql } from '../../db/sql';
import type { Applied } from './conversation';

/**
 * Moves one identity of the conversation's customer, added by mistake, to a new customer named
 * after it (its display), recording who split it off, when and from whom.
 *
 * Which conversations follow it: the server does not record which identity a conversation's
 * messages came from, so a conversation follows only when it can have come through no other
 * identity of the customer: its channel reaches the split identity's kind (SMS and WhatsApp a
 * phone, email an email, a social channel its account) and the customer keeps no other identity
 * of that kind. The rest stay with the customer.
 *
 * Changes: the new customer for each team that has one of its conversations, the conversations
 * that followed, and the customer again (without the identity) for each team that may hold it. The
 * caller holds the customer's lock.
 */
export async function applySplitIdentity(
  tx: Sql,
  user: User,
  conversation: Conversation,
  identityId: string,
  now: number,
): Promise<Applied> {
  const customer = await getCustomer(tx, conversation.customerId);
  const found = customer?.identities.find((identity) => identity.id === identityId);
  if (!customer || !found) throw new CaredeskError('not_found', 'That identity is no longer this customer’s.');
  if (customer.identities.length === 1) {
    throw new CaredeskError(
      'invalid_input',
      'That is the customer’s only identity: there is nothing to split it from.',
    );
  }
  const identity = storableIdentity(found, customer);
  const keepsKind = customer.identities.some(
    (other) => other.id !== identity.id && storableIdentity(other, customer).kind === identity.kind,
  );
  const followers = keepsKind ? [] : await channelsOfConversations(tx, customer.id);
  const newId = randomUUID();
  await insertCustomer(tx, { id: newId, name: identity.display, email: null, createdAt: now, identities: [] });
  await relinkIdentity(tx, identity.id, newId, {
    linkedBy: user.id,
    linkedAt: now,
    evidence: `${user.name} split this off ${customer.name} on conversation ${conversation.id}.`,
  });
  const moved = await moveConversations(
    tx,
    followers.filter((row) => kindOfChannel(row.channel) === identity.kind).map((row) => row.id),
    newId,
  );

  const changes: NewChange[] = [];
  for (const teamId of await customerTeamIds(tx, newId))
    changes.push(...(await customerChangesForTeam(tx, newId, teamId)));
  for (const row of moved) changes.push({ teamId: row.teamId, change: { kind: 'conversation', data: row } });
  changes.push(...(await customerUpdates(tx, customer.id, true)));
  return { changes };
}
