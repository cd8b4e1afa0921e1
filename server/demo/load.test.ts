import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, findUserByEmail } from '../db/accounts';
import { openDatabase } from '../db/open';
import { pullChanges } from '../db/changes';
import type { Database } from '../db/sql';
import { testBackends } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { verifyPassword } from '../auth/password';
import { DEMO_PASSWORD, DEMO_TEAMS, generateDemo } from './generate';
import { loadDemo } from './load';
import { seedDemoIfEmpty } from './seed';

const NOW = Date.UTC(2025, 5, 15, 12);
const data = generateDemo({ seed: 7, conversations: 300, now: NOW });

describe.each(testBackends)('demo load on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await loadDemo(db, data, NOW);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  it('writes every entity', async () => {
    const count = async (table: string) =>
      Number((await db.query<{ n: string | number }>(`select count(*) as n from ${table}`))[0]?.n);
    expect(await count('teams')).toBe(3);
    expect(await count('users')).toBe(15);
    expect(await count('customers')).toBe(data.customers.length);
    expect(await count('identities')).toBe(data.customers.reduce((n, c) => n + c.identities.length, 0));
    expect(await count('orders')).toBe(data.orders.length);
    expect(await count('conversations')).toBe(300);
    expect(await count('messages')).toBe(data.messages.length);
  });

  it('stores the demo password as a scrypt hash', async () => {
    const rep = await findUserByEmail(db, 'rep01@northwind.example');
    expect(rep && (await verifyPassword(DEMO_PASSWORD, rep.password))).toBe(true);
  });

  it('writes a change log that gives each team its own conversations, customers and orders', async () => {
    const page = await pullChanges(db, [DEMO_TEAMS.returns.id], 0, 5000);
    expect(page.hasMore).toBe(false);
    const conversations = data.conversations.filter((c) => c.teamId === DEMO_TEAMS.returns.id);
    const customerIds = new Set(conversations.map((c) => c.customerId));
    const byKind = (kind: string) =>
      page.changes
        .filter((c) => c.kind === kind)
        .map((c) => c.data.id)
        .sort();
    expect(byKind('conversation')).toEqual(conversations.map((c) => c.id).sort());
    expect(byKind('customer')).toEqual([...customerIds].sort());
    expect(byKind('order')).toEqual(
      data.orders
        .filter((o) => customerIds.has(o.customerId))
        .map((o) => o.id)
        .sort(),
    );
    const conversationIds = new Set(conversations.map((c) => c.id));
    expect(byKind('message')).toEqual(
      data.messages
        .filter((m) => conversationIds.has(m.conversationId))
        .map((m) => m.id)
        .sort(),
    );
    // Entities arrive before what refers to them.
    const firstConversation = page.changes.findIndex((c) => c.kind === 'conversation');
    const lastCustomer = page.changes.map((c) => c.kind).lastIndexOf('customer');
    expect(lastCustomer).toBeLessThan(firstConversation);
  });

  it('leaves planner statistics for the change log, so the pull query pages through its index', async () => {
    const [stats] = await db.query<{ reltuples: number }>(
      `select reltuples::float8 as reltuples from pg_class where relname = 'changes'`,
    );
    const count = Number((await db.query<{ n: string | number }>('select count(*) as n from changes'))[0]?.n);
    // -1 means "never analyzed": the planner would assume a tiny table.
    expect(stats?.reltuples).toBeGreaterThan(count / 2);
  });

  it('refuses to load twice', async () => {
    await expect(loadDemo(db, data, NOW)).rejects.toThrow(/already has users/);
  });

  it('on a later start loads nothing and still tells how to sign in', async () => {
    const before = Number((await db.query<{ n: string | number }>('select count(*) as n from changes'))[0]?.n);
    const again = await seedDemoIfEmpty(db, { seed: 7, conversations: 300, now: NOW });
    expect(again.loaded).toBe(false);
    expect(again.credentials.map((c) => c.email).sort()).toEqual(data.users.map((u) => u.email).sort());
    expect(again.credentials.find((c) => c.email === 'rep01@northwind.example')).toMatchObject({
      password: DEMO_PASSWORD,
      teams: ['Orders & Delivery', 'Returns & Refunds'],
    });
    const after = Number((await db.query<{ n: string | number }>('select count(*) as n from changes'))[0]?.n);
    expect(after).toBe(before);
  });
});

describe('a PGlite database opened again', () => {
  it('is analyzed at start-up, since PGlite has no autovacuum', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'caredesk-analyze-'));
    try {
      let db = await openDatabase({ dataDir });
      for (let i = 0; i < 50; i++) await createTeam(db, { id: `team-${i}`, name: `Team ${i}` }, NOW + i);
      const reltuples = async () =>
        (
          await db.query<{ reltuples: number }>(
            `select reltuples::float8 as reltuples from pg_class where relname = 'changes'`,
          )
        )[0]?.reltuples;
      expect(await reltuples()).toBeLessThan(50);
      await db.close();
      db = await openDatabase({ dataDir });
      try {
        expect(await reltuples()).toBe(50);
      } finally {
        await db.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
