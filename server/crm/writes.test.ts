// The queue of order actions on orders a connected store keeps, on a real database. The store is
// a scripted connector (Shopify's own wire format is tested in shopify/); what is tested here is
// what Caredesk does with each answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Order, User } from '../../shared/domain/entities';
import type { Action } from '../../shared/sync/actions';
import { hashPassword } from '../auth/password';
import { createTeam, createUser } from '../db/accounts';
import { insertConversation } from '../db/conversations';
import { insertCustomer, upsertOrder } from '../db/customers';
import type { Database } from '../db/sql';
import { claimDueStoreWrites, pendingStoreWrites } from '../db/store-writes';
import { openSmsConversation, testBackends, testOrder } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { applyAction } from '../services/actions/apply';
import { CrmUnavailable, StoreRefused } from './connector';
import type { CrmConnector, StoreWrite } from './connector';
import { startCrmSync } from './sync';
import { describeStoreWrite, startStoreWrites, storeWriteOf } from './writes';
import type { StoreWrites } from './writes';

const NOW = 1_800_000_000_000;
const ADDRESS = { lines: ['1 New Street'], city: 'Ottawa', region: 'ON', postcode: 'K1A 0B1', country: 'CA' };

/** An unshipped Shopify order of Pat: 2 socks at 20.00, captured in full. */
function storeOrder(id: string): Order {
  return {
    ...testOrder({ id, customerId: 'pat', number: `#${id.replace('shopify:', '')}` }, NOW),
    source: 'shopify',
    subtotalCents: 4000,
    totalCents: 4000,
    lineItems: [{ sku: 'SOCK', title: 'Sock', quantity: 2, unitPriceCents: 2000, ref: 'gid://shopify/LineItem/1' }],
    payments: [
      { id: 'shopify:9', method: 'shopify_payments', amountCents: 4000, status: 'captured', processedAt: NOW },
    ],
  };
}

describe.each(testBackends)('order actions on a store’s orders on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let alice: User;
  let at = NOW;
  let seq = 0;
  /** What the store holds, and how it answers the next write. */
  const held = new Map<string, Order>();
  const writes: { orderId: string; change: StoreWrite }[] = [];
  let answer: (order: Order, change: StoreWrite) => void = () => {};
  let queue: StoreWrites;

  const store: CrmConnector = {
    source: 'shopify',
    label: 'Shopify',
    find: () => {
      const orders = [...held.values()].map(({ customerId: _customer, ...order }) => ({ ...order, source: 'shopify' }));
      return Promise.resolve([
        { externalId: 'gid://shopify/Customer/7', name: 'Pat', emails: [], phones: ['+16135550123'], orders },
      ]);
    },
    write: (order, change) => {
      writes.push({ orderId: order.id, change });
      answer(order, change);
      const kept = held.get(order.id);
      if (kept && change.kind === 'cancel')
        held.set(order.id, {
          ...kept,
          status: 'cancelled',
          cancellation: { at, by: 'shopify', reason: 'Cancelled in Shopify' },
        });
      if (kept && change.kind === 'address') held.set(order.id, { ...kept, shippingAddress: change.address });
      return Promise.resolve();
    },
  };

  /** An order action's fields on Pat's conversation, for one of Pat's orders. */
  const onPat = (orderId: string) => ({ conversationId: 'conv-pat', seenAssigneeId: null, orderId });
  const act = (action: Action) => applyAction(db, alice, { id: `store-action-${++seq}`, action }, (at += 1000));
  const doc = async (id: string) =>
    (await db.query<{ doc: Order }>('select doc from orders where id = $1', [id]))[0]?.doc;
  const notes = async () =>
    (
      await db.query<{ body: string; author_id: string }>('select body, author_id from notes order by created_at, body')
    ).map((row) => `${row.author_id}: ${row.body}`);

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    alice = await createUser(
      db,
      {
        id: 'alice',
        name: 'Alice',
        email: 'alice@example.com',
        role: 'rep',
        teamIds: ['a'],
        password: await hashPassword('pw'),
      },
      NOW,
    );
    await db.transaction((tx) =>
      insertCustomer(tx, {
        id: 'pat',
        name: 'Pat',
        email: null,
        createdAt: NOW,
        identities: [
          {
            id: 'pat-phone',
            customerId: 'pat',
            kind: 'phone',
            channel: 'sms',
            value: '+16135550123',
            display: '+1 613 555 0123',
          },
        ],
      }),
    );
    await insertConversation(db, openSmsConversation({ id: 'conv-pat', teamId: 'a', customerId: 'pat' }, NOW), NOW);
    const crm = startCrmSync({ sql: db, clock: () => at, connectors: [store], poke: () => {}, log: () => {} });
    queue = startStoreWrites({
      sql: db,
      clock: () => at,
      connectors: [store],
      crm,
      poke: () => {},
      log: (error) => {
        throw error;
      },
      intervalMs: 3_600_000,
      maxAttempts: 2,
      backoffMs: 10_000,
      leaseMs: 60_000,
    });
  });
  afterAll(async () => {
    await queue?.stop();
    await handle?.dispose();
  });
  beforeEach(async () => {
    writes.length = 0;
    answer = () => {};
    await db.query('delete from notes');
  });

  async function place(id: string): Promise<Order> {
    const order = storeOrder(id);
    held.set(id, order);
    await upsertOrder(db, order, at);
    return order;
  }

  it('shows a cancellation at once, asks the store, and then shows what the store holds', async () => {
    await place('shopify:101');
    await act({
      type: 'cancelOrder',
      ...onPat('shopify:101'),
      reason: 'ordered twice',
    });
    expect((await doc('shopify:101'))?.cancellation).toMatchObject({ by: 'alice', reason: 'ordered twice' });
    expect(await pendingStoreWrites(db)).toBe(1);
    expect(await notes()).toEqual(['alice: Cancelled order #101, refunded $40.00 — ordered twice — asking Shopify']);

    await queue.pass();
    expect(writes).toEqual([{ orderId: 'shopify:101', change: { kind: 'cancel', reason: 'ordered twice' } }]);
    expect(await pendingStoreWrites(db)).toBe(0);
    expect((await doc('shopify:101'))?.cancellation).toEqual({ at, by: 'shopify', reason: 'Cancelled in Shopify' });
    expect((await notes()).at(-1)).toBe('alice: Shopify made it: cancel order #101.');
  });

  it('puts the order back and says why when the store refuses', async () => {
    const before = await place('shopify:102');
    answer = () => {
      throw new StoreRefused('Shopify refused: Zip is not valid for Canada.');
    };
    await act({
      type: 'changeOrderAddress',
      ...onPat('shopify:102'),
      address: ADDRESS,
    });
    expect((await doc('shopify:102'))?.shippingAddress?.city).toBe('Ottawa');
    await queue.pass();
    expect(writes.map((write) => write.change.kind)).toEqual(['address']);
    expect((await doc('shopify:102'))?.shippingAddress).toEqual(before.shippingAddress);
    expect((await notes()).at(-1)).toBe(
      'alice: Shopify did not change the delivery address of order #102: Shopify refused: Zip is not valid for Canada. Order #102 is shown as it was.',
    );
  });

  it('asks an unreachable store again after a delay, then gives up and puts the order back', async () => {
    await place('shopify:103');
    answer = () => {
      throw new CrmUnavailable('Shopify cannot be reached (connection refused).', true);
    };
    await act({
      type: 'refundOrder',
      ...onPat('shopify:103'),
      reason: 'damaged',
      lines: [{ sku: 'SOCK', quantity: 1 }],
    });
    expect((await doc('shopify:103'))?.refunds).toHaveLength(1);
    await queue.pass();
    expect(await pendingStoreWrites(db)).toBe(1);
    const [row] = await db.query<{ last_error: string; state: string }>('select last_error, state from store_writes');
    expect(row).toEqual({ last_error: 'Shopify cannot be reached (connection refused).', state: 'queued' });
    await queue.pass();
    expect(writes).toHaveLength(1);

    at += 10_000;
    await queue.pass();
    expect(writes).toEqual([
      {
        orderId: 'shopify:103',
        change: {
          kind: 'refund',
          amountCents: 2000,
          lines: [{ sku: 'SOCK', quantity: 1 }],
          note: 'Damaged in transit',
        },
      },
      {
        orderId: 'shopify:103',
        change: {
          kind: 'refund',
          amountCents: 2000,
          lines: [{ sku: 'SOCK', quantity: 1 }],
          note: 'Damaged in transit',
        },
      },
    ]);
    expect(await pendingStoreWrites(db)).toBe(0);
    expect((await doc('shopify:103'))?.refunds).toEqual([]);
    expect((await notes()).at(-1)).toBe(
      'alice: Shopify did not refund $20.00 on order #103: Shopify cannot be reached (connection refused). (2 attempts) Order #103 is shown as it was.',
    );
  });

  it('never asks again when Shopify may have made it (no answer in time), and asks the team to check', async () => {
    await place('shopify:107');
    answer = () => {
      throw new CrmUnavailable('Shopify did not answer within 10 s.', true, true);
    };
    await act({
      type: 'refundOrder',
      ...onPat('shopify:107'),
      reason: 'late',
    });
    await queue.pass();
    at += 3_600_000;
    await queue.pass();
    expect(writes).toHaveLength(1);
    expect(await pendingStoreWrites(db)).toBe(0);
    expect((await notes()).at(-1)).toBe(
      'alice: Shopify gave no clear answer when asked to refund $40.00 on order #107 (Shopify did not answer within 10 s.): check the order in Shopify before doing it again.',
    );
    // Fetched again: the order is as Shopify has it (here: not refunded).
    expect((await doc('shopify:107'))?.refunds).toEqual([]);
  });

  it('asks the team to check a write its process stopped in the middle of, never making it again', async () => {
    await place('shopify:104');
    await act({
      type: 'cancelOrder',
      ...onPat('shopify:104'),
      reason: 'changed mind',
    });
    expect(await claimDueStoreWrites(db, at, 10)).toHaveLength(1);
    at += 61_000;
    await queue.pass();
    expect(writes).toEqual([]);
    expect(await pendingStoreWrites(db)).toBe(0);
    expect((await notes()).at(-1)).toBe(
      'alice: Caredesk stopped while asking Shopify to cancel order #104: check the order in Shopify before doing it again.',
    );
  });

  it('asks nothing of the store for a refund waiting for a lead, and keeps the request through a fetch', async () => {
    const order = await place('shopify:105');
    const big = {
      ...order,
      lineItems: [{ ...order.lineItems[0]!, quantity: 10, unitPriceCents: 10_000 }],
      totalCents: 100_000,
      payments: [{ ...order.payments[0]!, amountCents: 100_000 }],
    };
    held.set(big.id, big);
    await upsertOrder(db, big, at);
    await act({
      type: 'refundOrder',
      ...onPat('shopify:105'),
      reason: 'goodwill',
    });
    expect(await pendingStoreWrites(db)).toBe(0);
    expect((await doc('shopify:105'))?.refundRequests).toHaveLength(1);
    await queue.pass();
    // A write settled for another order fetches Pat's orders again: the request stays.
    await place('shopify:106');
    await act({
      type: 'cancelOrder',
      ...onPat('shopify:106'),
      reason: 'twice',
    });
    await queue.pass();
    expect((await doc('shopify:105'))?.refundRequests).toHaveLength(1);
  });
});

describe('storeWriteOf', () => {
  const order = storeOrder('shopify:1');
  it('reads a cancellation, a new address and a refund made off the order before and after; nothing else', () => {
    expect(storeWriteOf(order, { ...order, cancellation: { at: 1, by: 'a', reason: 'x' } })).toEqual({
      kind: 'cancel',
      reason: 'x',
    });
    const address = { ...ADDRESS, changedAt: 5, changedBy: 'a' };
    expect(storeWriteOf(order, { ...order, shippingAddress: address })).toEqual({ kind: 'address', address });
    expect(
      storeWriteOf(order, { ...order, refunds: [{ id: 'r', amountCents: 100, reason: 'Late', createdAt: 1 }] }),
    ).toEqual({
      kind: 'refund',
      amountCents: 100,
      lines: null,
      note: 'Late',
    });
    expect(storeWriteOf(order, order)).toBeNull();
    expect(describeStoreWrite(order, { kind: 'refund', amountCents: 1250, lines: null, note: '' })).toBe(
      'refund $12.50 on order #1',
    );
  });
});
