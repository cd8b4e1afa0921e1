import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeam } from '../db/accounts';
import { getCrmLink } from '../db/crm-links';
import { getCustomer, listOrders, upsertOrder } from '../db/customers';
import type { Database } from '../db/sql';
import { testBackends, testOrder } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { receiveInbound } from '../services/inbound';
import { shopifyConnector } from './shopify/client';
import { fixtureAnswer, startShopifyDouble } from './shopify/testing';
import type { CustomerNode, ShopifyDouble } from './shopify/testing';
import { startCrmSync } from './sync';
import type { CrmSync } from './sync';

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;
const BOB_PHONE = '+16136120707';

let shopify: ShopifyDouble;
beforeAll(async () => {
  shopify = await startShopifyDouble();
});
afterAll(async () => {
  await shopify.close();
});

/** Bob as the fixture has him, with changes. */
function bob(change: (node: CustomerNode) => void = () => {}): CustomerNode {
  const node = fixtureAnswer().data.customers.nodes[0];
  if (!node) throw new Error('the fixture has no customer');
  change(node);
  return node;
}

describe.each(testBackends)('purchase history from Shopify on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let at = NOW;
  let crm: CrmSync;
  const logged: unknown[] = [];
  const changeCount = async () =>
    Number((await db.query<{ n: string | number }>('select count(*) as n from changes'))[0]?.n);

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    crm = startCrmSync({
      sql: db,
      clock: () => at,
      connectors: [
        shopifyConnector({ shopUrl: shopify.url, accessToken: shopify.token, timeoutMs: 500 }, 'US', () => at),
      ],
      refreshMs: 15 * MINUTE,
      retryMs: MINUTE,
      poke: () => {},
      log: (error) => logged.push(error),
    });
  });
  afterAll(async () => {
    await crm.stop();
    await handle?.dispose();
  });
  beforeEach(() => {
    shopify.answer = null;
    shopify.requests.length = 0;
    shopify.customers = [bob()];
  });

  const sms = async (from: string, body = 'Where is my order?') =>
    (await receiveInbound(db, { channel: 'sms', from, body }, (at += 1000), 'a')).customerId;

  it('joins an SMS sender to their Shopify customer: name, email and orders, #1001 beside Caredesk’s own #1001', async () => {
    // Caredesk's own records already have an order #1001, of someone else.
    await sms('+14155550101');
    const other = await sms('+14155550101');
    await upsertOrder(db, testOrder({ id: 'own-1001', customerId: other, number: '#1001' }, NOW), NOW);

    const customerId = await sms('(613) 612-0707');
    expect(await crm.refresh(customerId)).toEqual([
      { source: 'shopify', kind: 'stored', externalId: 'gid://shopify/Customer/207119551', orders: 1 },
    ]);
    expect(shopify.requests.map((request) => request.variables.q)).toEqual([`phone:${BOB_PHONE}`]);
    const customer = await getCustomer(db, customerId);
    expect(customer?.name).toBe('Bob Norman');
    expect(customer?.identities.find((identity) => identity.kind === 'email')).toMatchObject({
      value: 'bob.norman@mail.example.com',
      linkedBy: 'system',
      evidence: 'Shopify customer gid://shopify/Customer/207119551, matched by phone +1 613 612 0707.',
    });
    const orders = await listOrders(db, customerId);
    expect(orders.map((order) => [order.number, order.source, order.totalCents])).toEqual([
      ['#1001', 'shopify', 59_894],
    ]);
    expect((await listOrders(db, other)).map((order) => [order.number, order.source])).toEqual([['#1001', undefined]]);
    const sources = await db.query<{ source: string }>(
      "select source from orders where number = '#1001' order by source",
    );
    expect(sources.map((row) => row.source)).toEqual(['caredesk', 'shopify']);
    expect(await getCrmLink(db, customerId, 'shopify')).toEqual({
      customerId,
      source: 'shopify',
      externalId: 'gid://shopify/Customer/207119551',
      matchedBy: 'phone +1 613 612 0707',
      fetchedAt: at,
      error: null,
      checkedAt: at,
    });
  });

  it('asks again only once the history is stale, writes only what changed, and keeps a return’s first-seen date', async () => {
    const customerId = await sms(BOB_PHONE);
    const returnDate = (await listOrders(db, customerId))[0]?.returns[0]?.createdAt;
    expect(returnDate).toBeDefined();

    at += 5 * MINUTE;
    expect(await crm.refresh(customerId)).toEqual([{ source: 'shopify', kind: 'fresh' }]);
    expect(shopify.requests).toEqual([]);

    // Unchanged in Shopify: asked (forced), nothing written.
    const before = await changeCount();
    expect((await crm.refresh(customerId, true))[0]?.kind).toBe('stored');
    expect(await changeCount()).toBe(before);

    // Delivered since: the stale history is fetched again and the order rewritten once.
    shopify.customers = [
      bob((node) => {
        const order = node.orders.nodes[0] as { fulfillments: Record<string, unknown>[] };
        const fulfillment = order.fulfillments[0];
        if (fulfillment)
          Object.assign(fulfillment, { displayStatus: 'DELIVERED', deliveredAt: '2025-01-06T15:00:00Z' });
      }),
    ];
    at += 20 * MINUTE;
    expect((await crm.refresh(customerId))[0]?.kind).toBe('stored');
    expect(await changeCount()).toBe(before + 1);
    const [order] = await listOrders(db, customerId);
    expect(order?.shipments[0]).toMatchObject({ status: 'delivered', deliveredAt: Date.parse('2025-01-06T15:00:00Z') });
    expect(order?.returns[0]?.createdAt).toBe(returnDate);
  });

  it('keeps what it stored when Shopify is throttled, says why, and asks again after the retry delay', async () => {
    const customerId = await sms('+16136120708');
    shopify.customers = [
      bob((node) =>
        Object.assign(node, { id: 'gid://shopify/Customer/2', defaultPhoneNumber: { phoneNumber: '+16136120708' } }),
      ),
    ];
    shopify.answer = { body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] } };
    const ordersBefore = await db.query('select id from orders order by id');
    expect(await crm.refresh(customerId)).toEqual([
      { source: 'shopify', kind: 'failed', error: 'Shopify answered: Throttled (THROTTLED)' },
    ]);
    expect(await db.query('select id from orders order by id')).toEqual(ordersBefore);
    expect((await getCustomer(db, customerId))?.name).toBe('+16136120708');
    expect(await getCrmLink(db, customerId, 'shopify')).toMatchObject({
      externalId: null,
      fetchedAt: null,
      error: 'Shopify answered: Throttled (THROTTLED)',
    });
    expect(String(logged.at(-1))).toContain('Shopify lookup for customer');

    shopify.answer = null;
    at += 30_000;
    expect(await crm.refresh(customerId)).toEqual([{ source: 'shopify', kind: 'fresh' }]);
    at += MINUTE;
    expect((await crm.refresh(customerId))[0]).toMatchObject({
      kind: 'stored',
      externalId: 'gid://shopify/Customer/2',
    });
    expect((await getCrmLink(db, customerId, 'shopify'))?.error).toBeNull();
  });

  it('links none of two Shopify customers sharing a phone, and none that another customer already has', async () => {
    const shared = '+16136120709';
    const twin = (id: string) =>
      bob((node) =>
        Object.assign(node, { id, defaultEmailAddress: null, defaultPhoneNumber: { phoneNumber: shared } }),
      );
    shopify.customers = [twin('gid://shopify/Customer/3'), twin('gid://shopify/Customer/4')];
    const customerId = await sms(shared);
    expect(await crm.refresh(customerId)).toEqual([
      {
        source: 'shopify',
        kind: 'failed',
        error: `2 Shopify customers have phone ${shared}: none was linked. Link the right one by hand.`,
      },
    ]);
    expect(await listOrders(db, customerId)).toEqual([]);

    // Bob changed his phone in Shopify; a text from the new number is a new Caredesk customer, whose
    // lookup finds Bob's record: it is already the first customer's, so it is not given twice.
    const newPhone = '+16136120710';
    shopify.customers = [bob((node) => Object.assign(node, { defaultPhoneNumber: { phoneNumber: newPhone } }))];
    const lookalike = await sms(newPhone);
    const [outcome] = await crm.refresh(lookalike);
    expect(outcome?.kind).toBe('failed');
    expect(outcome && 'error' in outcome ? outcome.error : '').toMatch(
      /^Shopify customer gid:\/\/shopify\/Customer\/207119551 is already the record of another Caredesk customer/,
    );
    expect(await listOrders(db, lookalike)).toEqual([]);
  });

  it('withdraws a suggestion that rested only on an order number the sender turns out to hold in Shopify', async () => {
    const other = await sms('+14155550177');
    await upsertOrder(db, testOrder({ id: 'own-2002', customerId: other, number: '#2002' }, NOW), NOW);
    const phone = '+16136120711';
    shopify.customers = [
      bob((node) => {
        Object.assign(node, {
          id: 'gid://shopify/Customer/5',
          defaultEmailAddress: null,
          defaultPhoneNumber: { phoneNumber: phone },
        });
        Object.assign(node.orders.nodes[0] ?? {}, { id: 'gid://shopify/Order/2002', name: '#2002' });
      }),
    ];
    const customerId = await sms(phone, 'Where is #2002?');
    const suggested = async () =>
      (
        await db.query<{ link_suggestions: { customerId: string }[] }>(
          'select link_suggestions from conversations where customer_id = $1',
          [customerId],
        )
      )[0]?.link_suggestions.map((suggestion) => suggestion.customerId);
    expect(await suggested()).toEqual([other]);
    expect((await crm.refresh(customerId))[0]?.kind).toBe('stored');
    expect(await suggested()).toEqual([]);
  });

  it('asks for a customer linked before by their Shopify id, so they stay linked when their email and phone change there', async () => {
    const customerId = await sms(BOB_PHONE);
    shopify.customers = [
      bob((node) =>
        Object.assign(node, {
          displayName: 'Robert Norman',
          defaultEmailAddress: { emailAddress: 'robert@new.example.com' },
          defaultPhoneNumber: { phoneNumber: '+16136120799' },
        }),
      ),
    ];
    expect(await crm.refresh(customerId, true)).toEqual([
      { source: 'shopify', kind: 'stored', externalId: 'gid://shopify/Customer/207119551', orders: 1 },
    ]);
    expect(shopify.requests.map((request) => request.variables.q)).toEqual(['id:207119551']);
    expect((await getCrmLink(db, customerId, 'shopify'))?.matchedBy).toBe('phone +1 613 612 0707');
    const identities = (await getCustomer(db, customerId))?.identities ?? [];
    expect(identities.map((identity) => identity.value)).toEqual(
      expect.arrayContaining(['robert@new.example.com', '+16136120799', BOB_PHONE]),
    );
    // A phone Shopify adds is shown as people read it.
    expect(identities.find((identity) => identity.value === '+16136120799')?.display).toBe('+1 613 612 0799');
  });

  it('records that Shopify has no such customer, and refreshes touched customers in the background', async () => {
    const customerId = await sms('+14155550199');
    crm.touch(customerId);
    crm.touch(customerId);
    await crm.idle();
    expect(shopify.requests).toHaveLength(1);
    expect(await getCrmLink(db, customerId, 'shopify')).toMatchObject({ externalId: null, error: null, fetchedAt: at });
  });
});
