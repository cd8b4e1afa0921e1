import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './migrate';
import { migrations as allMigrations } from './migrations/index';
import type { Migration } from './migrations/index';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Conversation, Customer, Order, User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { hashPassword } from '../auth/password';
import { applyAction } from '../services/actions/apply';
import { createTeam, createUser } from './accounts';
import type { Database, Sql, StorageKind } from './sql';

/**
 * Storage backends for `describe.each`: the same suite runs on embedded PGlite and on a real
 * PostgreSQL (a fresh `caredesk_test_<random>` database, dropped afterwards).
 */
export interface TestBackend {
  kind: StorageKind;
  /** A fresh, empty database, migrated with `migrations` (all of them by default). */
  open(migrations?: readonly Migration[]): Promise<TestDatabase>;
}

export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function testPostgresUrl(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_TEST_POSTGRES_URL;
}

const pgliteBackend: TestBackend = {
  kind: 'pglite',
  open: async (migrations = allMigrations) => {
    const db = await openPglite();
    await migrate(db, migrations);
    return { db, dispose: () => db.close() };
  },
};

const postgresBackend: TestBackend = {
  kind: 'postgres',
  open: async (migrations = allMigrations) => {
    const database = await createTestPostgres();
    const db = openPostgres(database.url, { max: 4 });
    await migrate(db, migrations);
    return {
      db,
      dispose: async () => {
        await db.close();
        await database.drop();
      },
    };
  },
};

/**
 * A fresh, empty `caredesk_test_<random>` database on the test PostgreSQL, for tests that open it
 * more than once (several server processes); `drop()` also ends connections still open to it.
 */
/**
 * A fresh `<prefix>_<random>` database next to the one TEST_DATABASE_URL / DATABASE_URL names (or
 * `baseUrl`); `drop()` ends whatever connections are left on it (`with (force)`) and drops it.
 */
export async function createTestPostgres(
  prefix = 'caredesk_test',
  baseUrl = testPostgresUrl(),
): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = baseUrl;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(adminUrl, `drop database if exists ${name} with (force)`) };
}

/** Both backends; set CAREDESK_SKIP_POSTGRES=1 on a machine without PostgreSQL. */
export const testBackends: TestBackend[] =
  process.env.CAREDESK_SKIP_POSTGRES === '1' ? [pgliteBackend] : [pgliteBackend, postgresBackend];

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** How an action (or any call) was refused, as `code: message`; fails when it was not refused. */
export async function refusalOf(applied: Promise<unknown>): Promise<string> {
  try {
    await applied;
  } catch (error) {
    if (error instanceof CaredeskError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('the action was applied, not refused');
}

/** A reply as a test writes it: the `reply` action under the reply's own client id. */
export async function sendReply(
  sql: Sql,
  user: User,
  reply: { clientId: string; conversationId: string; body: string },
  now: number,
) {
  const outcome = await applyAction(
    sql,
    user,
    {
      id: reply.clientId,
      action: { type: 'reply', conversationId: reply.conversationId, seenAssigneeId: null, body: reply.body },
    },
    now,
  );
  const message = outcome.result.message;
  if (!message) throw new Error('a reply action stored no message');
  return { message, changes: outcome.changes, repeated: outcome.repeated };
}

/** A customer known by one SMS number, as tests set one up. */
export function smsCustomer(id: string, phone: string, at: number): Customer {
  return {
    id,
    name: `Customer ${id}`,
    email: null,
    createdAt: at,
    identities: [{ id: `${id}-sms`, customerId: id, channel: 'sms', value: phone, display: 'x' }],
  };
}

/** An open SMS conversation begun at `at`, waiting for a reply, as tests set one up; `fields` override the rest. */
export function openSmsConversation(
  fields: Pick<Conversation, 'id' | 'teamId' | 'customerId'> & Partial<Conversation>,
  at: number,
): Conversation {
  return {
    channel: 'sms',
    subject: null,
    status: 'open',
    assigneeId: null,
    createdAt: at,
    lastMessageAt: at,
    lastMessagePreview: 'hello',
    waitingSince: at,
    tags: [],
    snoozedUntil: null,
    ...fields,
  };
}

/** A paid order of one item placed at `at`, as tests set one up, shipped with `trackingNumber` when given. */
export function testOrder(
  fields: Pick<Order, 'id' | 'customerId' | 'number'> & Partial<Order>,
  at: number,
  trackingNumber?: string,
): Order {
  return {
    placedAt: at,
    status: 'paid',
    currency: 'USD',
    subtotalCents: 4200,
    shippingCents: 0,
    taxCents: 0,
    totalCents: 4200,
    lineItems: [{ sku: 'NW-1', title: 'Trail Sock', quantity: 1, unitPriceCents: 4200 }],
    payments: [],
    shipments: trackingNumber
      ? [
          {
            id: `${fields.id}-shipment`,
            carrier: 'UPS',
            trackingNumber,
            trackingUrl: `https://www.ups.com/track?tracknum=${trackingNumber}`,
            status: 'in_transit',
            shippedAt: at,
            estimatedDelivery: at + 86_400_000,
            deliveredAt: null,
            events: [],
          },
        ]
      : [],
    returns: [],
    refunds: [],
    ...fields,
  };
}

/** Creates a user of the given teams (email `<id>@example.com`, password `pw`). */
export type TestUserMaker = (id: string, role: User['role'], teamIds: string[]) => Promise<User>;

/** Teams `a` ("Team A") and `b` ("Team B"), and a maker of their users, as most server tests set them up. */
export async function teamsAB(sql: Sql, at: number): Promise<TestUserMaker> {
  await createTeam(sql, { id: 'a', name: 'Team A' }, at);
  await createTeam(sql, { id: 'b', name: 'Team B' }, at);
  const password = await hashPassword('pw');
  return (id, role, teamIds) =>
    createUser(sql, { id, name: id, email: `${id}@example.com`, role, teamIds, password }, at);
}
