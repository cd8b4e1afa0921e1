// Applying the server's change log to the cache.
import type { Change } from '../../../shared/sync';
import type { Conversation, Customer, Order, Team, User } from '../../../shared/domain';
import { upsertMessage } from './messages';
import { setMeta } from './meta';
import type { Db } from './open';
import { prepared } from './statements';

interface AppliedChanges {
  /** Conversations whose summary or messages changed. */
  conversationIds: string[];
}

/** Applies changes in one transaction (upsert by id); later changes win. */
export function applyChanges(db: Db, changes: readonly Change[]): AppliedChanges {
  return db.transaction(() => applyInTransaction(db, changes))();
}

/** Applies one pulled page and stores its cursor in the same transaction. */
export function applyPage(db: Db, changes: readonly Change[], cursor: number): AppliedChanges {
  return db.transaction(() => {
    const applied = applyInTransaction(db, changes);
    setMeta(db, 'cursor', String(cursor));
    return applied;
  })();
}

function applyInTransaction(db: Db, changes: readonly Change[]): AppliedChanges {
  const affected = new Set<string>();
  for (const change of changes) {
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
        upsertConversation(db, change.data);
        affected.add(change.data.id);
        break;
      case 'message':
        upsertMessage(db, change.data);
        affected.add(change.data.conversationId);
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

const HANDLE_FOR = (customer: string, channel: string) => `coalesce(
  (SELECT display FROM identities WHERE customer_id = ${customer} AND channel = ${channel} ORDER BY id LIMIT 1),
  (SELECT display FROM identities WHERE customer_id = ${customer} ORDER BY id LIMIT 1),
  (SELECT email FROM customers WHERE id = ${customer}),
  '')`;

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

interface CountKey {
  team_id: string;
  assignee_id: string;
  channel: string;
  status: string;
}

/** Moves one conversation in or out of the totals (its own assignee and '*', any assignee). */
function adjustCount(db: Db, key: CountKey, delta: number): void {
  const statement = prepared(
    db,
    `INSERT INTO conversation_counts (team_id, assignee_id, channel, status, n) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  );
  statement.run(key.team_id, key.assignee_id, key.channel, key.status, delta);
  statement.run(key.team_id, '*', key.channel, key.status, delta);
}

/** Upserts a conversation; customer name and handle are looked up from the cache. */
function upsertConversation(db: Db, conversation: Conversation): void {
  const old = prepared(
    db,
    "SELECT team_id, coalesce(assignee_id, '') AS assignee_id, channel, status FROM conversations WHERE id = ?",
  ).get(conversation.id) as CountKey | undefined;
  const key: CountKey = {
    team_id: conversation.teamId,
    assignee_id: conversation.assigneeId ?? '',
    channel: conversation.channel,
    status: conversation.status,
  };
  if (
    !old ||
    old.team_id !== key.team_id ||
    old.assignee_id !== key.assignee_id ||
    old.channel !== key.channel ||
    old.status !== key.status
  ) {
    if (old) adjustCount(db, old, -1);
    adjustCount(db, key, 1);
  }
  prepared(
    db,
    `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
       last_message_at, last_message_preview, waiting_since, customer_name, customer_handle)
     VALUES (@id, @teamId, @customerId, @channel, @subject, @status, @assigneeId, @createdAt,
       @lastMessageAt, @lastMessagePreview, @waitingSince,
       coalesce((SELECT name FROM customers WHERE id = @customerId), ''),
       ${HANDLE_FOR('@customerId', '@channel')})
     ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, customer_id = excluded.customer_id,
       channel = excluded.channel, subject = excluded.subject, status = excluded.status,
       assignee_id = excluded.assignee_id, created_at = excluded.created_at,
       last_message_at = excluded.last_message_at, last_message_preview = excluded.last_message_preview,
       waiting_since = excluded.waiting_since, customer_name = excluded.customer_name,
       customer_handle = excluded.customer_handle`,
  ).run({
    id: conversation.id,
    teamId: conversation.teamId,
    customerId: conversation.customerId,
    channel: conversation.channel,
    subject: conversation.subject,
    status: conversation.status,
    assigneeId: conversation.assigneeId,
    createdAt: conversation.createdAt,
    lastMessageAt: conversation.lastMessageAt,
    lastMessagePreview: conversation.lastMessagePreview,
    waitingSince: conversation.waitingSince,
  });
}
