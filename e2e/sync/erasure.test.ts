// An erased customer leaves a connected engine that cached them: no byte of them stays in its
// SQLite file, its WAL or its search index.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/services/api/engine';
import { getCustomer } from '../../electron/services/db/conversations';
import { nextEvent } from '../../electron/services/testing/events';
import { storeImport } from '../../server/services/import/store';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { BILLING_REP, createCleanups, settled, signedInEngine } from './support';

const ERASED = {
  name: 'Zebulon Quartzfeather',
  email: 'zebulon.quartzfeather@erasure.example',
  phone: '+14155550177',
  message: 'my parcel code is xylophone-marmalade-7731',
};

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 0 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

/** The cache file and its WAL as they are on disk now (the engine stays open). */
function cacheBytes(engine: Engine): Buffer {
  const file = engine.db.name;
  return Buffer.concat([file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path)));
}

function held(bytes: Buffer): string[] {
  return Object.values(ERASED).filter((text) => bytes.includes(Buffer.from(text, 'utf8')));
}

describe('customer erasure ↔ engines', () => {
  it('removes the customer from a connected engine that cached them: file, WAL and search', async () => {
    await storeImport(
      server.sql,
      {
        customers: [
          {
            id: 'cust-erased',
            name: ERASED.name,
            emails: [ERASED.email],
            phones: [ERASED.phone],
            orders: [],
            lines: [1],
          },
        ],
        rejected: [],
      },
      { source: 'test', now: Date.now(), partial: false },
    );
    const admin = await server.signIn('admin@northwind.example');
    const posted = await fetch(new URL('/api/inbound', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ channel: 'sms', from: ERASED.phone, body: ERASED.message }),
    });
    expect(posted.status).toBe(201);
    const { conversationId } = (await posted.json()) as { conversationId: string };

    // A Billing rep's engine caches the customer, their message and the customer as opened.
    const rep = await signedInEngine(cleanups, server.url, BILLING_REP);
    await settled(rep);
    expect(getCustomer(rep.db, 'cust-erased')?.name).toBe(ERASED.name);
    expect((await rep.handlers['customers:get']({ customerId: 'cust-erased' })).record.customer.name).toBe(ERASED.name);
    expect((await rep.handlers['search:messages']({ query: 'xylophone', limit: 30 })).hits).toHaveLength(1);
    expect(held(cacheBytes(rep)).sort()).toEqual(Object.values(ERASED).sort());

    // Only an admin may, and only with the server: a rep is refused without asking, offline says so.
    await expect(
      rep.handlers['customers:erase']({ customerId: 'cust-erased', confirmName: ERASED.name }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const adminEngine = await signedInEngine(cleanups, server.url, 'admin@northwind.example');
    await settled(adminEngine);
    // The admin (in every team) caches them too.
    expect(held(cacheBytes(adminEngine)).sort()).toEqual(Object.values(ERASED).sort());
    await server.stop();
    await expect(
      adminEngine.handlers['customers:erase']({ customerId: 'cust-erased', confirmName: ERASED.name }),
    ).rejects.toMatchObject({ code: 'server_unreachable', message: expect.stringContaining('offline') as string });
    await server.start();
    expect(await server.sql.query(`select name from customers where id = 'cust-erased'`)).toEqual([
      { name: ERASED.name },
    ]);
    await settled(rep);

    const gone = nextEvent(rep, 'inbox:changed', (event) => event.conversationIds.includes(conversationId));
    expect(
      await adminEngine.handlers['customers:erase']({ customerId: 'cust-erased', confirmName: ERASED.name }),
    ).toEqual({
      customerId: 'cust-erased',
      erased: { customers: 1, identities: 2, orders: 0, conversations: 1, messages: 1, notes: 0 },
      vacuumed: true,
    });
    await gone;
    await settled(rep);

    expect(getCustomer(rep.db, 'cust-erased')).toBeNull();
    expect((await rep.handlers['inbox:list']({ filter: 'all', limit: 50 })).items).toEqual([]);
    expect((await rep.handlers['search:messages']({ query: 'xylophone', limit: 30 })).hits).toEqual([]);
    // Neither the file nor the WAL holds a byte of them, with the engines still running.
    expect(held(cacheBytes(rep))).toEqual([]);
    await settled(adminEngine);
    expect(getCustomer(adminEngine.db, 'cust-erased')).toBeNull();
    expect(held(cacheBytes(adminEngine))).toEqual([]);
  });
});
