// Customer lookups, engine ↔ real server over socket.io on loopback: search and fetch, the copy
// kept offline, and the session checked on every call (the audit lookup: audit.test.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain';
import { dispatchCall } from '../../electron/services/api/dispatch';
import type { Engine } from '../../electron/services/api/engine';
import { getOpenedCustomer } from '../../electron/services/db/opened-customers';
import { createMemorySecretStore } from '../../electron/services/session/secret-store';
import { connectSocketIo } from '../../electron/services/sync/socket';
import type { SocketFactory, SyncSocket } from '../../electron/services/sync/socket';
import { nextEvent } from '../../electron/services/testing/events';
import { insertConversation } from '../../server/db/conversations';
import { insertCustomer, upsertOrder } from '../../server/db/customers';
import { deleteSession } from '../../server/db/sessions';
import { openSmsConversation, testOrder } from '../../server/db/testing';
import { DEMO_TEAMS } from '../../server/demo/generate';
import { SESSION_RECHECK_MS } from '../../server/socket/sync';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, engineFor, REP, signIn, storedToken } from './support';

const TTL = 60 * 60 * 1000;
/** One clock for the server and the engines, so that a test can let a session expire. */
let now = Date.now();
let server: TestServer;
const cleanups = createCleanups();

/** A UK customer with a conversation in rep01's team (Orders & Delivery) and one in Billing, which rep01 is not in. */
const harriet: Customer = {
  id: 'cust-harriet',
  name: 'Harriet Ashdown',
  email: 'harriet.ashdown@example.co.uk',
  createdAt: 1,
  // In id order, as the server lists them.
  identities: [
    {
      id: 'idn-harriet-email',
      customerId: 'cust-harriet',
      channel: 'email',
      value: 'harriet.ashdown@example.co.uk',
      display: 'Harriet.Ashdown@example.co.uk',
      kind: 'email',
      linkedBy: 'import',
      linkedAt: 1,
      evidence: 'Imported with the customer record.',
    },
    {
      id: 'idn-harriet-sms',
      customerId: 'cust-harriet',
      channel: 'sms',
      value: '+442079460958',
      display: '020 7946 0958',
      kind: 'phone',
      linkedBy: 'import',
      linkedAt: 1,
      evidence: 'Imported with the customer record.',
    },
  ],
};
/** A US customer with no conversation at all: not replicated to anyone. */
const quentin: Customer = {
  id: 'cust-quentin',
  name: 'Quentin Marlowe',
  email: null,
  createdAt: 1,
  identities: [
    {
      id: 'idn-quentin-wa',
      customerId: 'cust-quentin',
      channel: 'whatsapp',
      value: '+14155550142',
      display: '+1 415-555-0142',
    },
  ],
};
const harrietsOrder = testOrder(
  { id: 'ord-harriet', customerId: 'cust-harriet', number: '#77042' },
  1,
  'QX123456789GB',
);

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 12, clock: () => now, tokenTtlMs: TTL });
  await server.sql.transaction(async (tx) => {
    await insertCustomer(tx, harriet);
    await insertCustomer(tx, quentin);
  });
  await upsertOrder(server.sql, harrietsOrder, now);
  const conversation = (id: string, teamId: string) =>
    insertConversation(server.sql, openSmsConversation({ id, teamId, customerId: harriet.id }, now), now);
  await conversation('conv-harriet-orders', DEMO_TEAMS.orders.id);
  await conversation('conv-harriet-billing', DEMO_TEAMS.billing.id);
});
afterAll(() => server.close());
afterEach(cleanups.run);

async function signedInRep(options: { connect?: SocketFactory; lookupTimeoutMs?: number } = {}) {
  const secretStore = createMemorySecretStore();
  const engine = await engineFor(cleanups, server.url, {
    secretStore,
    clock: () => now,
    sync: { retryDelayMs: 50 },
    ...options,
  });
  await signIn(engine, REP);
  return { engine, token: storedToken(engine, secretStore, server.url) };
}

/** Takes the server down (the engine must notice first) until the test ends. */
async function serverDown(engine: Engine): Promise<void> {
  const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline');
  await server.stop();
  cleanups.add(() => server.start());
  await offline;
}

describe('customer lookups', () => {
  it.each([
    ['a part of a name', 'ashdown', harriet.id, 'name'],
    ['an email in any case', 'HARRIET.ASHDOWN@example.co.uk', harriet.id, 'email'],
    ['a UK number written nationally', '020 7946 0958', harriet.id, 'phone'],
    ['a UK number written internationally', '+44 20 7946 0958', harriet.id, 'phone'],
    ['a US number written the US way', '(415) 555-0142', quentin.id, 'phone'],
    ['an order number without its #', '77042', harriet.id, 'order'],
    ['an order number with its #', '#77042', harriet.id, 'order'],
    ['a tracking number in lower case', 'qx123456789gb', harriet.id, 'tracking'],
  ])('finds the customer by %s', async (_what, query, customerId, matchedBy) => {
    const { engine } = await signedInRep();
    const { hits } = await engine.handlers['customers:search']({ query, limit: 20 });
    expect(hits.filter((hit) => hit.id === customerId)).toEqual([expect.objectContaining({ matchedBy })]);
    expect(hits[0]?.id).toBe(customerId);
  });

  it('fetches a customer with every identity and order, but only the conversations of the rep’s teams', async () => {
    const { engine } = await signedInRep();
    const result = await dispatchCall(engine.handlers, 'customers:get', { customerId: harriet.id });
    expect(result).toEqual({
      ok: true,
      value: {
        record: {
          customer: harriet,
          orders: [harrietsOrder],
          conversations: [expect.objectContaining({ id: 'conv-harriet-orders' })],
          // Nothing was merged into her, and no store is connected.
          merges: [],
          connected: [],
        },
        source: 'server',
        fetchedAt: now,
      },
    });
    // Stored for offline use, with the same team filter.
    expect(getOpenedCustomer(engine.db, harriet.id)?.record.conversations.map((c) => c.id)).toEqual([
      'conv-harriet-orders',
    ]);
  });

  it('says a customer that does not exist is not found', async () => {
    const { engine } = await signedInRep();
    expect(await dispatchCall(engine.handlers, 'customers:get', { customerId: 'cust-nobody' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('offline, refuses a search with a clear error and shows an opened customer from the cache', async () => {
    const { engine } = await signedInRep();
    const fetchedAt = now;
    const online = await engine.handlers['customers:get']({ customerId: harriet.id });
    now += 60_000;
    await serverDown(engine);

    expect(await dispatchCall(engine.handlers, 'customers:search', { query: 'ashdown' })).toEqual({
      ok: false,
      error: { code: 'server_unreachable', message: 'You are offline — customer search needs the server.' },
    });
    expect(await dispatchCall(engine.handlers, 'customers:get', { customerId: harriet.id })).toEqual({
      ok: true,
      value: { record: online.record, source: 'cache', fetchedAt },
    });
    // Never opened on this computer: nothing to show.
    expect(await dispatchCall(engine.handlers, 'customers:get', { customerId: quentin.id })).toMatchObject({
      ok: false,
      error: { code: 'server_unreachable' },
    });
  });

  it('gives the offline error when the server does not answer in time', async () => {
    // The server answers no event of this name, as one that does not know lookups would not.
    const silent: SocketFactory = (url, options) => {
      const socket = connectSocketIo(url, options);
      return Object.assign(Object.create(socket) as SyncSocket, {
        request: (event: string, payload: unknown, timeoutMs: number) =>
          socket.request(event.startsWith('lookup:') ? 'lookup:unanswered' : event, payload, timeoutMs),
      });
    };
    const { engine } = await signedInRep({ connect: silent, lookupTimeoutMs: 200 });
    expect(await dispatchCall(engine.handlers, 'customers:search', { query: 'ashdown' })).toEqual({
      ok: false,
      error: { code: 'server_unreachable', message: 'You are offline — customer search needs the server.' },
    });
  });

  it('refuses a lookup once the session has expired', async () => {
    const { engine } = await signedInRep();
    now += TTL;
    const ended = nextEvent(engine, 'session:ended');
    expect(await dispatchCall(engine.handlers, 'customers:search', { query: 'ashdown' })).toEqual({
      ok: false,
      error: { code: 'session_expired', message: 'Your session has expired. Sign in again.' },
    });
    await ended;
  });

  it('refuses a lookup once the session was revoked on the server', async () => {
    const { engine, token } = await signedInRep();
    const stored = await token();
    if (!stored) throw new Error('the engine kept no token');
    await deleteSession(server.sql, stored.token);
    // The socket's next event after the recheck interval reads the session again.
    now += SESSION_RECHECK_MS;
    expect(await dispatchCall(engine.handlers, 'customers:search', { query: 'ashdown' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });
});
