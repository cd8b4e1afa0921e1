import { afterAll, beforeAll } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import type { Database, ScriptSql, Sql } from '../sql';
import type { TestBackend, TestDatabase } from '../testing';
import { migrations } from './index';
import type { Migration } from './types';

/**
 * Helpers for the per-migration tests: a database at version N-1 with rows written as that
 * version's writers wrote them (today's repositories need later columns), then migrated to N.
 */

export const AT = 1_750_000_000_000;

/** The migrations up to and including `version`. */
export function migrationsUpTo(version: number): Migration[] {
  return migrations.filter((migration) => migration.version <= version);
}

/** Migrates to exactly `version` and checks that it got there. */
export async function migrateTo(db: ScriptSql, version: number): Promise<number[]> {
  const applied = await migrate(db, migrationsUpTo(version));
  const reached = await schemaVersion(db);
  if (reached !== version) throw new Error(`migrated to ${reached}, not ${version}`);
  return applied;
}

/**
 * A database at `version` (0: nothing but the migrations table) for the enclosing `describe`,
 * opened in a hook: PGlite's start-up alone can take most of a test's time on a busy machine.
 */
export function databaseAt(backend: TestBackend, version: number): () => Database {
  let handle: TestDatabase | undefined;
  beforeAll(async () => {
    handle = await backend.open(migrationsUpTo(version));
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  return () => {
    if (!handle) throw new Error(`the database at version ${version} did not open`);
    return handle.db;
  };
}

/**
 * A small organisation as version 1 (and 2) stored it: a team with a rep and a lead, a session,
 * a customer known by SMS and email with an order, an SMS conversation with an inbound message
 * (with a provider id) and a reply, and their change-log rows.
 */
export async function insertVersion1Rows(db: Sql): Promise<void> {
  await insertTeamAndUsers(db);
  await db.query(`insert into team_members (team_id, user_id) values ('orders', 'rep01'), ('orders', 'lead01')`);
  await db.query(
    `insert into sessions (token_hash, user_id, created_at, expires_at) values ('f00d', 'rep01', $1, $2)`,
    [AT, AT + 3_600_000],
  );
  await db.query(
    `insert into customers (id, name, email, created_at) values ('pat', 'Pat Doe', 'pat@example.com', $1)`,
    [AT],
  );
  await db.query(
    `insert into identities (id, customer_id, channel, value, display) values
       ('pat-sms', 'pat', 'sms', '+14155550101', '(415) 555-0101'),
       ('pat-email', 'pat', 'email', 'pat@example.com', 'pat@example.com')`,
  );
  await db.query(
    `insert into orders (id, customer_id, number, placed_at, doc) values ('o1042', 'pat', '#1042', $1, $2::text::jsonb)`,
    [AT - 86_400_000, JSON.stringify({ id: 'o1042', customerId: 'pat', number: '#1042', status: 'shipped' })],
  );
  await db.query(
    `insert into conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
       last_message_at, last_message_preview, waiting_since)
     values ('conv-1', 'orders', 'pat', 'sms', null, 'open', 'rep01', $1, $2, 'It left on Tuesday.', null)`,
    [AT, AT + 60_000],
  );
  await db.query(
    `insert into messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id,
       provider_message_id) values
       ('m1', 'conv-1', 'sms', 'inbound', null, 'Where is order #1042?', $1, 'received', null, 'SM-1'),
       ('m2', 'conv-1', 'sms', 'outbound', 'rep01', 'It left on Tuesday.', $2, 'sent', 'client-1', null)`,
    [AT, AT + 60_000],
  );
  await db.query(
    `insert into changes (team_id, kind, entity_id, payload, created_at) values
       (null, 'team', 'orders', '{"id":"orders"}', $1),
       ('orders', 'conversation', 'conv-1', '{"id":"conv-1"}', $1),
       ('orders', 'message', 'm1', '{"id":"m1"}', $1)`,
    [AT],
  );
}

/** Tables version 1 created, in the order their rows may be compared. */
export const VERSION_1_TABLES = [
  'teams',
  'users',
  'team_members',
  'sessions',
  'customers',
  'identities',
  'orders',
  'conversations',
  'messages',
  'changes',
] as const;

/** Every row of every version 1 table, to compare before and after a migration. */
export async function snapshot(db: Sql): Promise<Record<string, Array<Record<string, unknown>>>> {
  const tables: Record<string, Array<Record<string, unknown>>> = {};
  for (const table of VERSION_1_TABLES) {
    tables[table] = await db.query<Record<string, unknown>>(`select * from ${table} order by 1, 2`);
  }
  return tables;
}

/** The team `orders` with the users `rep01` and `lead01` (the columns every version has; no membership). */
export async function insertTeamAndUsers(db: Sql): Promise<void> {
  await db.query(`insert into teams (id, name, created_at) values ('orders', 'Orders & Delivery', $1)`, [AT]);
  await db.query(
    `insert into users (id, name, email, role, password_salt, password_hash, created_at) values
       ('rep01', 'Avery Quinn', 'rep01@northwind.example', 'rep', 'c2FsdA', 'aGFzaA', $1),
       ('lead01', 'Morgan Lee', 'lead01@northwind.example', 'lead', 'c2FsdA', 'aGFzaA', $1)`,
    [AT],
  );
}
