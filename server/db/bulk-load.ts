import type { Conversation, Customer, Message, Order, Team, User } from '../../shared/domain/entities';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import type { PasswordHash } from '../auth/password';
import { appendChanges } from './changes';
import { storableIdentity } from './customers';
import type { NewChange } from './changes';
import { json } from './sql';
import type { Sql } from './sql';

/** Rows per statement: each batch travels as one JSON parameter. */
const BATCH = 1000;

/** A user with their password hash, as the bulk loader stores them. */
export type BulkUser = User & { password: PasswordHash };

/** A whole organisation to write at once (the demo), with the change log that announces it. */
export interface Organisation {
  /** In creation order: the first receives new inbound conversations by default. */
  teams: readonly Team[];
  users: readonly BulkUser[];
  /** With their identities. */
  customers: readonly Customer[];
  orders: readonly Order[];
  conversations: readonly Conversation[];
  messages: readonly Message[];
  changes: readonly NewChange[];
}

/**
 * Writes an organisation with multi-row inserts, inside the caller's transaction (which holds the
 * change-log lock). Returns how many change rows it appended.
 */
export async function insertOrganisation(tx: Sql, org: Organisation, now: number): Promise<number> {
  await insertRows(
    tx,
    // Creation order decides the default team for new inbound conversations: the first one.
    `insert into teams (id, name, created_at)
     select t->>'id', t->>'name', $2 + n from jsonb_array_elements($1::text::jsonb) with ordinality as e(t, n)`,
    org.teams,
    [now],
  );
  await insertRows(
    tx,
    `insert into users (id, name, email, role, password_salt, password_hash, created_at)
     select x.id, x.name, x.email, x.role, x.salt, x.hash, $2
     from jsonb_to_recordset($1::text::jsonb) as x(id text, name text, email text, role text, salt text, hash text)`,
    org.users.map(({ password, ...user }) => ({ ...user, ...password })),
    [now],
  );
  await insertRows(
    tx,
    `insert into team_members (team_id, user_id)
     select x.team_id, x.user_id from jsonb_to_recordset($1::text::jsonb) as x(team_id text, user_id text)`,
    org.users.flatMap((user) => user.teamIds.map((teamId) => ({ team_id: teamId, user_id: user.id }))),
  );
  await insertRows(
    tx,
    `insert into customers (id, name, created_at)
     select x.id, x.name, x."createdAt"
     from jsonb_to_recordset($1::text::jsonb) as x(id text, name text, "createdAt" bigint)`,
    org.customers.map(({ identities: _identities, email: _email, ...customer }) => customer),
  );
  // A customer's email is one of its identities (the organisation's customers carry theirs there).
  await insertRows(
    tx,
    `insert into identities (id, customer_id, kind, channel, value, display, linked_by, linked_at, evidence)
     select x.id, x."customerId", x.kind, x.channel, x.value, x.display, x."linkedBy", x."linkedAt", x.evidence
     from jsonb_to_recordset($1::text::jsonb) as x(id text, "customerId" text, kind text, channel text, value text,
       display text, "linkedBy" text, "linkedAt" bigint, evidence text)`,
    org.customers.flatMap((customer) => customer.identities.map((identity) => storableIdentity(identity, customer))),
  );
  await insertRows(
    tx,
    `insert into orders (id, customer_id, number, placed_at, doc)
     select d->>'id', d->>'customerId', d->>'number', (d->>'placedAt')::bigint, d
     from jsonb_array_elements($1::text::jsonb) as d`,
    org.orders,
  );
  await insertRows(
    tx,
    `insert into conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at, last_message_at,
       last_message_preview, waiting_since, tags, snoozed_until)
     select x.id, x."teamId", x."customerId", x.channel, x.subject, x.status, x."assigneeId", x."createdAt", x."lastMessageAt",
       x."lastMessagePreview", x."waitingSince", x.tags, x."snoozedUntil"
     from jsonb_to_recordset($1::text::jsonb) as x(id text, "teamId" text, "customerId" text, channel text, subject text,
       status text, "assigneeId" text, "createdAt" bigint, "lastMessageAt" bigint, "lastMessagePreview" text, "waitingSince" bigint,
       tags jsonb, "snoozedUntil" bigint)`,
    org.conversations,
  );
  await insertRows(
    tx,
    `insert into messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
     select x.id, x."conversationId", x.channel, x.direction, x."authorId", x.body, x."createdAt", x.status, x."clientId"
     from jsonb_to_recordset($1::text::jsonb) as x(id text, "conversationId" text, channel text, direction text,
       "authorId" text, body text, "createdAt" bigint, status text, "clientId" text)`,
    org.messages,
  );
  for (let at = 0; at < org.changes.length; at += BATCH) {
    await appendChanges(tx, org.changes.slice(at, at + BATCH), now, { actor: SYSTEM_ACTOR, type: 'demo_load' });
  }
  return org.changes.length;
}

async function insertRows(
  tx: Sql,
  text: string,
  rows: readonly unknown[],
  extra: readonly unknown[] = [],
): Promise<void> {
  for (let at = 0; at < rows.length; at += BATCH) {
    await tx.query(text, [json(rows.slice(at, at + BATCH)), ...extra]);
  }
}
