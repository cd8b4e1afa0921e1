// Removing what the server says is gone, for real: rows, search index entries, cached lookups.
import type { User } from '../../../shared/domain';
import type { DeletableEntity } from '../../../shared/sync';
import { dropConversation, HANDLE_FOR } from './conversation-state';
import { deleteMessage } from './messages';
import { getMeta, setMeta } from './meta';
import { deleteNote } from './notes';
import type { Db } from './open';
import { getSyncedTeamIds, setSyncedTeamIds } from './people';
import { deleteResolution, dropTeamResolutions } from './resolutions';
import { prepared } from './statements';

/**
 * Removes one entity and what only exists through it. Returns the conversations whose rows or
 * thread changed, for the renderer. The cache's secure_delete (open.ts) and the search index's
 * secure-delete (migration 009) leave none of the removed text in the file once it is checkpointed.
 */
export function deleteEntity(db: Db, entity: DeletableEntity, id: string): string[] {
  switch (entity) {
    case 'customer':
      return deleteCustomer(db, id);
    case 'identity':
      return deleteIdentity(db, id);
    case 'order': {
      forgetOpenedHolding(db, '$.orders', id);
      const customerId = prepared(db, 'DELETE FROM orders WHERE id = ? RETURNING customer_id').pluck().get(id) as
        string | undefined;
      // The customer panel of their conversations shows the order.
      return customerId === undefined
        ? []
        : (prepared(db, 'SELECT id FROM conversations WHERE customer_id = ?').pluck().all(customerId) as string[]);
    }
    case 'conversation':
      return revokeConversation(db, id) ? [id] : [];
    case 'message': {
      const conversationId = conversationOf(db, 'messages', id);
      deleteMessage(db, id);
      return conversationId === null ? [] : [conversationId];
    }
    case 'note': {
      const conversationId = conversationOf(db, 'notes', id);
      deleteNote(db, id);
      return conversationId === null ? [] : [conversationId];
    }
    case 'resolution':
      deleteResolution(db, id);
      return [];
  }
}

/**
 * The conversation left this user's view or is gone: it goes, with its messages (and their
 * search index rows) and notes. Returns whether it was in the cache.
 */
export function revokeConversation(db: Db, id: string): boolean {
  const messageIds = prepared(db, 'SELECT id FROM messages WHERE conversation_id = ?').pluck().all(id) as string[];
  for (const messageId of messageIds) deleteMessage(db, messageId);
  forgetOpenedHolding(db, '$.conversations', id);
  return dropConversation(db, id);
}

/**
 * Drops every cached conversation of `teamIds` (the signed-in user left those teams), the
 * customers and orders that were cached only for them, and the teams' canned resolutions. Returns the conversations dropped.
 */
export function dropTeams(db: Db, teamIds: readonly string[]): string[] {
  if (teamIds.length === 0) return [];
  const teams = JSON.stringify(teamIds);
  const conversations = prepared(
    db,
    'SELECT id, customer_id FROM conversations WHERE team_id IN (SELECT value FROM json_each(?)) ORDER BY id',
  ).all(teams) as { id: string; customer_id: string }[];
  for (const { id } of conversations) revokeConversation(db, id);
  const customers = new Set(conversations.map((row) => row.customer_id));
  for (const customerId of customers) {
    const stillSeen = prepared(db, 'SELECT 1 FROM conversations WHERE customer_id = ? LIMIT 1').get(customerId);
    if (!stillSeen) deleteCustomer(db, customerId);
  }
  // What a lookup fetched was shaped by the teams of the time (README "Lookups").
  prepared(db, 'DELETE FROM opened_customers').run();
  dropTeamResolutions(db, teamIds);
  return conversations.map((row) => row.id);
}

/**
 * The signed-in user left a team the cache was filled for: that team's conversations go now, in
 * the transaction that learnt it, and the cache counts as filled for the remaining teams. Only once
 * the cache has been synced to the end of the log (`last_synced_at`), so that the change is newer
 * than the teams it was filled for: a first sync or a pull again from 0 replays older versions of
 * the user, which the sync client settles once the log is read to its end. A team joined is not
 * handled here either: the sync client then pulls again from 0 (and so it does when a later
 * version of the user in the same catch-up has the team again: what was dropped comes back).
 * Returns the conversations dropped.
 */
export function dropLeftTeams(db: Db, user: User): string[] {
  if (user.id !== getMeta(db, 'user_id') || getMeta(db, 'last_synced_at') === null) return [];
  const synced = getSyncedTeamIds(db);
  if (synced === null) return [];
  const left = synced.filter((teamId) => !user.teamIds.includes(teamId));
  if (left.length === 0) return [];
  setSyncedTeamIds(
    db,
    synced.filter((teamId) => user.teamIds.includes(teamId)),
  );
  if (getMeta(db, 'user') !== null) setMeta(db, 'user', JSON.stringify(user));
  return dropTeams(db, left);
}

/**
 * The customer, its identities and orders go. Its conversations (if any are still cached) stay
 * theirs to the server, but show no name or handle of someone who is no longer on record.
 */
function deleteCustomer(db: Db, id: string): string[] {
  prepared(db, 'DELETE FROM identities WHERE customer_id = ?').run(id);
  prepared(db, 'DELETE FROM orders WHERE customer_id = ?').run(id);
  prepared(db, 'DELETE FROM customers WHERE id = ?').run(id);
  prepared(db, 'DELETE FROM opened_customers WHERE customer_id = ?').run(id);
  const cleared = prepared(
    db,
    `UPDATE conversations SET customer_name = '', customer_handle = '' WHERE customer_id = ? RETURNING id`,
  ).all(id) as { id: string }[];
  return cleared.map((row) => row.id);
}

/** The identity goes; its customer's conversations show their next best handle. */
function deleteIdentity(db: Db, id: string): string[] {
  forgetOpenedHolding(db, '$.customer.identities', id);
  const removed = prepared(db, 'DELETE FROM identities WHERE id = ? RETURNING customer_id').get(id) as
    { customer_id: string } | undefined;
  if (!removed) return [];
  const refreshed = prepared(
    db,
    `UPDATE conversations SET customer_handle = ${HANDLE_FOR('@customer', 'conversations.channel')}
     WHERE customer_id = @customer RETURNING id`,
  ).all({ customer: removed.customer_id }) as { id: string }[];
  return refreshed.map((row) => row.id);
}

/** A customer the rep opened whose record lists `id` under `path` is fetched again when next opened. */
function forgetOpenedHolding(db: Db, path: string, id: string): void {
  prepared(
    db,
    `DELETE FROM opened_customers
     WHERE EXISTS (SELECT 1 FROM json_each(opened_customers.record, @path) AS e WHERE e.value ->> 'id' = @id)`,
  ).run({ path, id });
}

function conversationOf(db: Db, table: 'messages' | 'notes', id: string): string | null {
  const row = prepared(db, `SELECT conversation_id FROM ${table} WHERE id = ?`).get(id) as
    { conversation_id: string } | undefined;
  return row?.conversation_id ?? null;
}
