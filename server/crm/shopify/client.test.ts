import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CrmUnavailable } from '../connector';
import { SHOPIFY_API_VERSION, shopifyConnector } from './client';
import { decimalAmount, minorUnits } from './map';
import { CUSTOMER_HISTORY_QUERY } from './query';
import { fixtureAnswer, startShopifyDouble, transaction } from './testing';
import type { ShopifyDouble } from './testing';

const NOW = 1_800_000_000_000;
let shopify: ShopifyDouble;
const connector = () =>
  shopifyConnector({ shopUrl: shopify.url, accessToken: shopify.token, timeoutMs: 500 }, 'US', () => NOW);

beforeAll(async () => {
  shopify = await startShopifyDouble();
});
afterAll(async () => {
  await shopify.close();
});
beforeEach(() => {
  shopify.requests.length = 0;
  shopify.answer = null;
  shopify.customers = fixtureAnswer().data.customers.nodes;
});

describe('the Shopify connector', () => {
  it('asks the Admin GraphQL API for a quoted email with the access token, and maps the documented answer', async () => {
    const [record, ...others] = await connector().find({ kind: 'email', value: 'bob.norman@mail.example.com' });
    expect(others).toEqual([]);
    expect(shopify.requests).toEqual([
      {
        path: `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
        token: shopify.token,
        query: CUSTOMER_HISTORY_QUERY,
        variables: { q: 'email:"bob.norman@mail.example.com"', orders: 20 },
      },
    ]);
    expect(record).toMatchObject({
      externalId: 'gid://shopify/Customer/207119551',
      name: 'Bob Norman',
      emails: ['bob.norman@mail.example.com'],
      phones: ['+16136120707'],
    });
    const order = record?.orders[0];
    expect(order).toMatchObject({
      id: 'shopify:450789469',
      source: 'shopify',
      number: '#1001',
      placedAt: Date.parse('2008-01-10T16:00:00Z'),
      status: 'partially_fulfilled',
      currency: 'USD',
      totalCents: 59_894,
      // The fixture carries no subtotal: the lines' sum, and no shipping or tax amounts.
      subtotalCents: 59_700,
      shippingCents: 0,
      taxCents: 0,
      payments: [],
    });
    expect(order?.lineItems).toEqual([
      {
        sku: 'IPOD2008GREEN',
        title: 'IPod Nano - 8gb (green)',
        quantity: 1,
        unitPriceCents: 19_900,
        ref: 'gid://shopify/LineItem/466157049',
      },
      {
        sku: 'IPOD2008RED',
        title: 'IPod Nano - 8gb (red)',
        quantity: 1,
        unitPriceCents: 19_900,
        ref: 'gid://shopify/LineItem/518995019',
      },
      {
        sku: 'IPOD2008BLACK',
        title: 'IPod Nano - 8gb (black)',
        quantity: 1,
        unitPriceCents: 19_900,
        ref: 'gid://shopify/LineItem/703073504',
      },
    ]);
    expect(order?.shipments).toEqual([
      {
        id: 'shopify:255858046',
        carrier: 'USPS',
        trackingNumber: '1Z1234512345123456',
        trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction_input?qtc_tLabels1=1Z1234512345123456',
        status: 'in_transit',
        shippedAt: Date.parse('2025-01-03T09:00:00Z'),
        estimatedDelivery: Date.parse('2025-01-07T00:00:00Z'),
        deliveredAt: null,
        events: [
          {
            at: Date.parse('2025-01-02T16:27:13Z'),
            status: 'label_created',
            location: '',
            description: 'Fulfilled in Shopify',
          },
          { at: Date.parse('2025-01-03T09:00:00Z'), status: 'in_transit', location: '', description: 'In transit' },
        ],
      },
    ]);
    expect(order?.refunds).toEqual([
      {
        id: 'shopify:509562969',
        amountCents: 20_900,
        reason: 'it broke during shipping',
        createdAt: Date.parse('2025-01-02T16:27:13Z'),
        lines: [
          { sku: 'IPOD2008BLACK', quantity: 1 },
          { sku: 'IPOD2008GREEN', quantity: 1 },
        ],
      },
    ]);
    expect(order?.returns).toEqual([
      { id: 'shopify:945000954', status: 'approved', reason: 'Return #1001-R1 in Shopify', createdAt: NOW, items: [] },
    ]);
  });

  it('reads payments from the transactions: sales and captures captured, refunded or not; authorizations nothing settled authorized', async () => {
    const tx = (n: number, kind: string, amount: string, extra: Record<string, unknown> = {}) => ({
      ...transaction(`gid://shopify/OrderTransaction/${n}`, kind, amount, `2025-01-0${n}T10:00:00Z`),
      ...extra,
    });
    const parent = (n: number) => ({ parentTransaction: { id: `gid://shopify/OrderTransaction/${n}` } });
    const customers = fixtureAnswer().data.customers.nodes;
    const stored = customers[0]?.orders.nodes[0];
    if (!stored) throw new Error('the fixture has no order');
    stored.transactions = [
      tx(1, 'SALE', '300.00'),
      tx(2, 'AUTHORIZATION', '200.00'),
      tx(3, 'CAPTURE', '200.00', { ...parent(2), gateway: 'paypal' }),
      tx(4, 'AUTHORIZATION', '98.94', { processedAt: null }),
      tx(5, 'SALE', '50.00', { status: 'FAILURE' }),
      tx(6, 'REFUND', '300.00', parent(1)),
      tx(7, 'AUTHORIZATION', '10.00'),
      tx(8, 'VOID', '10.00', parent(7)),
    ];
    shopify.customers = customers;
    const [record] = await connector().find({ kind: 'email', value: 'bob.norman@mail.example.com' });
    expect(record?.orders[0]?.payments).toEqual([
      // Refunded in full, and still captured: the refunds say what went back.
      {
        id: 'shopify:1',
        method: 'shopify_payments',
        amountCents: 30_000,
        status: 'captured',
        processedAt: Date.parse('2025-01-01T10:00:00Z'),
      },
      {
        id: 'shopify:3',
        method: 'paypal',
        amountCents: 20_000,
        status: 'captured',
        processedAt: Date.parse('2025-01-03T10:00:00Z'),
      },
      // Shopify gives no processing time: the order's.
      {
        id: 'shopify:4',
        method: 'shopify_payments',
        amountCents: 9_894,
        status: 'authorized',
        processedAt: Date.parse('2008-01-10T16:00:00Z'),
      },
    ]);
  });

  it('searches a phone in E.164 and keeps only customers whose own email or phone is the key', async () => {
    expect(await connector().find({ kind: 'phone', value: '+16136120707' })).toHaveLength(1);
    expect(shopify.requests[0]?.variables.q).toBe('phone:+16136120707');
    // Shopify's search is by token and may answer near misses: they are dropped.
    shopify.answer = { body: fixtureAnswer() };
    expect(await connector().find({ kind: 'email', value: 'bob@mail.example.com' })).toEqual([]);
  });

  it('answers no customer when Shopify has none', async () => {
    expect(await connector().find({ kind: 'email', value: 'nobody@example.com' })).toEqual([]);
  });

  it('reports a throttled answer as worth retrying, with Shopify’s words', async () => {
    shopify.answer = {
      body: {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
        extensions: fixtureAnswer().extensions,
      },
    };
    const error = await connector()
      .find({ kind: 'phone', value: '+16136120707' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmUnavailable);
    expect(error).toMatchObject({ retryable: true, message: 'Shopify answered: Throttled (THROTTLED)' });
  });

  it('reports refused credentials as needing a person, not a retry', async () => {
    const wrong = shopifyConnector({ shopUrl: shopify.url, accessToken: 'shpat_wrong' }, 'US', () => NOW);
    const error = await wrong.find({ kind: 'phone', value: '+16136120707' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, message: 'Shopify refused the access token (HTTP 401).' });
  });

  it('gives up on a slow Shopify after its timeout, and on an answer it cannot read', async () => {
    shopify.answer = { delayMs: 1_500, body: fixtureAnswer() };
    // No answer in time: Shopify may have acted on it.
    await expect(connector().find({ kind: 'phone', value: '+16136120707' })).rejects.toMatchObject({
      message: 'Shopify did not answer within 0.5 s.',
      retryable: true,
      maybeMade: true,
    });
    shopify.answer = { body: { data: { customers: { nodes: [{ id: 'gid://shopify/Customer/1' }] } } } };
    await expect(connector().find({ kind: 'phone', value: '+16136120707' })).rejects.toThrow(
      /not in the shape Caredesk reads/,
    );
    shopify.answer = { status: 503, body: {} };
    await expect(connector().find({ kind: 'phone', value: '+16136120707' })).rejects.toMatchObject({
      retryable: true,
      maybeMade: true,
      message: 'Shopify answered HTTP 503.',
    });
  });

  it('knows a refused connection reached nothing', async () => {
    // A port nothing listens on: take a free one and let it go.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const closed = shopifyConnector({ shopUrl: `http://127.0.0.1:${port}`, accessToken: 'x' }, 'US', () => NOW);
    await expect(closed.find({ kind: 'phone', value: '+16136120707' })).rejects.toMatchObject({
      retryable: true,
      maybeMade: false,
      message: expect.stringMatching(/^Shopify cannot be reached/) as unknown,
    });
  });
});

describe('amounts in minor units', () => {
  it('reads decimal strings in the currency’s own minor units', () => {
    expect(minorUnits('598.94', 'USD')).toBe(59_894);
    expect(minorUnits('199.0', 'USD')).toBe(19_900);
    expect(minorUnits('1200', 'JPY')).toBe(1_200);
    expect(minorUnits('0.125', 'USD')).toBe(13);
    expect(minorUnits('-5.5', 'EUR')).toBe(-550);
    expect(() => minorUnits('12,50', 'EUR')).toThrow('Shopify sent an amount Caredesk cannot read: "12,50"');
  });

  it('writes minor units as the decimal strings Shopify takes, in the currency’s own digits', () => {
    expect(decimalAmount(59_894, 'USD')).toBe('598.94');
    expect(decimalAmount(5, 'EUR')).toBe('0.05');
    expect(decimalAmount(19_900, 'USD')).toBe('199.00');
    expect(decimalAmount(1_200, 'JPY')).toBe('1200');
    expect(decimalAmount(-550, 'EUR')).toBe('-5.50');
  });
});
