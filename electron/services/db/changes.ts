// Applying the server's change log to the cache.
import type { Change } from '../../../shared/sync';
import type { Customer, Order, Team, User } from '../../../shared/domain';
import {
  conversationsWithLocalActions,
  dropConversation,
  HANDLE_FOR,
  storeServerConversation,
} from './conversation-state';
import { deleteMessage, upsertMessage } from './messages';
import { upsertNote } from './notes';
import { noteServerApplied } from './outbox';
import { setMeta } from './meta';
import type { Db } from './open';
import { prepared } from './statements';

interface AppliedChanges {
  /** Conversations whose summary or messages changed. */
  conversationIds: string[];
}

/** Applies changes in one transaction (upsert by id); later changes win. */
export function applyChanges(db: Db, changes: readonly Change[]): AppliedChanges {
  return db.transaction(() => applyInTransaction(db, changes, 0, changes.length, latestVersions(changes)))();
}

/** Applies one pulled page and stores its cursor in the same transaction. */
export function applyPage(db: Db, changes: readonly Change[], cursor: number): AppliedChanges {
  const [only] = pageChunks(db, changes, cursor, Number.POSITIVE_INFINITY);
  return only ? only() : { conversationIds: [] };
}

/**
 * A pulled page as transactions of at most `size` changes, in order, each storing the cursor
 * of its own last change (the page's cursor for the last one); the caller may yield between
 * them. A version superseded later in the page is skipped even when the later one is in a
 * later chunk: should the app stop between the two, the cursor is before the later one, which
 * is pulled again.
 */
export function pageChunks(db: Db, changes: readonly Change[], cursor: number, size: number): (() => AppliedChanges)[] {
  const latest = latestVersions(changes);
  const chunks: (() => AppliedChanges)[] = [];
  let next = 0;
  do {
    const start = next;
    const end = Math.min(start + size, changes.length);
    const chunkCursor = end === changes.length ? cursor : (changes[end - 1]?.seq ?? cursor);
    chunks.push(() =>
      db.transaction(() => {
        const applied = applyInTransaction(db, changes, start, end, latest);
        setMeta(db, 'cursor', String(chunkCursor));
        return applied;
      })(),
    );
    next = end;
  } while (next < changes.length);
  return chunks;
}

/**
 * Each change replaces its whole entity, so of several versions of one entity in a page only the
 * last one needs writing (a catch-up carries a conversation's every update). Messages and notes
 * are never updated in place by the log, so every one is kept.
 */
function entityKey(change: Change): string | null {
  switch (change.kind) {
    case 'message':
    case 'note':
      return null;
    case 'revoke':
      return `conversation:${change.data.id}`;
    default:
      return `${change.kind}:${change.data.id}`;
  }
}

function latestVersions(changes: readonly Change[]): Set<number> {
  const last = new Map<string, number>();
  changes.forEach((change, index) => {
    const key = entityKey(change);
    if (key !== null) last.set(key, index);
  });
  return new Set(last.values());
}

/** Applies `changes[start..end)`; of several versions of one entity only the one in `latest` is written. */
function applyInTransaction(
  db: Db,
  changes: readonly Change[],
  start: number,
  end: number,
  latest: ReadonlySet<number>,
): AppliedChanges {
  const affected = new Set<string>();
  const local = conversationsWithLocalActions(db);
  for (let index = start; index < end; index++) {
    const change = changes[index];
    if (!change) continue;
    // The server has applied one of our actions (maybe its ack was lost): it is no longer pending.
    if (change.actionId) noteServerApplied(db, change.actionId, change.seq);
    if (entityKey(change) !== null && !latest.has(index)) continue;
    switch (change.kind) {
      case 'team':
        upsertTeam(db, change.data);
        break;
      case 'user':
        upsertUser(db, change.data);
        break;
      case 'customer':
        for (const id of upsertCustomer(db, change.data)) affected.add(id);
        break;
      case 'order':
        upsertOrder(db, change.data);
        break;
      case 'conversation':
        storeServerConversation(db, change.data, change.seq, local.has(change.data.id));
        affected.add(change.data.id);
        break;
      case 'message':
        upsertMessage(db, change.data);
        affected.add(change.data.conversationId);
        break;
      case 'note':
        upsertNote(db, change.data);
        affected.add(change.data.conversationId);
        break;
      case 'revoke':
        revokeConversation(db, change.data.id);
        affected.add(change.data.id);
        break;
    }
  }
  return { conversationIds: [...affected] };
}

function upsertTeam(db: Db, team: Team): void {
  prepared(db, 'INSERT INTO teams (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name').run(
    team.id,
    team.name,
  );
}

function upsertUser(db: Db, user: User): void {
  prepared(
    db,
    `INSERT INTO users (id, name, email, role, team_ids) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
       team_ids = excluded.team_ids`,
  ).run(user.id, user.name, user.email, user.role, JSON.stringify(user.teamIds));
}

/** Returns the conversations whose denormalised customer name/handle were refreshed. */
function upsertCustomer(db: Db, customer: Customer): string[] {
  prepared(
    db,
    `INSERT INTO customers (id, name, email, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, created_at = excluded.created_at`,
  ).run(customer.id, customer.name, customer.email, customer.createdAt);
  prepared(db, 'DELETE FROM identities WHERE customer_id = ?').run(customer.id);
  const insertIdentity = prepared(
    db,
    `INSERT INTO identities (id, customer_id, channel, value, display) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, channel = excluded.channel,
       value = excluded.value, display = excluded.display`,
  );
  for (const identity of customer.identities) {
    insertIdentity.run(identity.id, customer.id, identity.channel, identity.value, identity.display);
  }
  const refreshed = prepared(
    db,
    `UPDATE conversations SET customer_name = @name, customer_handle = ${HANDLE_FOR('@id', 'conversations.channel')}
     WHERE customer_id = @id RETURNING id`,
  ).all({ name: customer.name, id: customer.id }) as { id: string }[];
  return refreshed.map((row) => row.id);
}

function upsertOrder(db: Db, order: Order): void {
  prepared(
    db,
    `INSERT INTO orders (id, customer_id, number, placed_at, doc) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, number = excluded.number,
       placed_at = excluded.placed_at, doc = excluded.doc`,
  ).run(order.id, order.customerId, order.number, order.placedAt, JSON.stringify(order));
}

/** The conversation left this user's view: it goes, with its messages and notes. */
function revokeConversation(db: Db, id: string): void {
  const messageIds = prepared(db, 'SELECT id FROM messages WHERE conversation_id = ?').pluck().all(id) as string[];
  for (const messageId of messageIds) deleteMessage(db, messageId);
  dropConversation(db, id);
}
