import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/domain/entities';
import { CrmUnavailable, StoreRefused } from '../connector';
import type { StoreWrite } from '../connector';
import { SHOPIFY_API_VERSION, shopifyConnector } from './client';
import type { ShopifyConfig } from './client';
import { FIXTURE_ORDER_GID, FIXTURE_SALE_GID, fixtureAnswer, paidFixture, startShopifyDouble } from './testing';
import type { ShopifyDouble } from './testing';
import { CANCEL_ORDER_MUTATION, REFUND_MUTATION, UPDATE_ADDRESS_MUTATION } from './writes';

const NOW = 1_800_000_000_000;
const BOB = { kind: 'email' as const, value: 'bob.norman@mail.example.com' };
let shopify: ShopifyDouble;
const connector = (config: Partial<ShopifyConfig> = {}) =>
  shopifyConnector({ shopUrl: shopify.url, accessToken: shopify.token, timeoutMs: 500, ...config }, 'US', () => NOW);

beforeAll(async () => {
  shopify = await startShopifyDouble('shpat_test', () => NOW);
});
afterAll(async () => {
  await shopify.close();
});
beforeEach(() => {
  shopify.requests.length = 0;
  shopify.answer = null;
  shopify.customers = paidFixture();
});

/** Order #1001 as Caredesk holds it after reading it from Shopify (what order actions start from). */
async function order1001(): Promise<Order> {
  const [record] = await connector().find(BOB);
  const order = record?.orders[0];
  if (!order) throw new Error('Shopify answered no #1001');
  shopify.requests.length = 0;
  return { ...order, customerId: 'customer-bob' };
}

async function write(order: Order, change: StoreWrite, config: Partial<ShopifyConfig> = {}): Promise<void> {
  const shop = connector(config);
  if (!shop.write) throw new Error('the Shopify connector cannot write');
  await shop.write(order, change);
}

/** The one request made, as Shopify received it. */
function onlyRequest() {
  expect(shopify.requests).toHaveLength(1);
  const [request] = shopify.requests;
  expect(request?.path).toBe(`/admin/api/${SHOPIFY_API_VERSION}/graphql.json`);
  expect(request?.token).toBe(shopify.token);
  return request;
}

const storedOrder = () => shopify.customers[0]?.orders.nodes[0];

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the write to fail');
    },
    (error: unknown) => error,
  );
}

describe('order actions made in Shopify', () => {
  it('cancels through orderCancel, refunded to the original payments, restocked, the customer not notified; a following find shows it cancelled and refunded', async () => {
    const order = await order1001();
    await write(order, { kind: 'cancel', reason: 'Ordered twice by mistake' });

    const request = onlyRequest();
    expect(request?.query).toBe(CANCEL_ORDER_MUTATION);
    expect(request?.query).toMatch(/\borderCancel\(/);
    expect(request?.variables).toEqual({
      orderId: FIXTURE_ORDER_GID,
      reason: 'CUSTOMER',
      refundMethod: { originalPaymentMethodsRefund: true },
      restock: true,
      notifyCustomer: false,
      staffNote: 'Ordered twice by mistake',
    });

    const after = (await connector().find(BOB))[0]?.orders[0];
    expect(after?.status).toBe('cancelled');
    expect(after?.cancellation).toEqual({ at: NOW, by: 'shopify', reason: 'Cancelled in Shopify' });
    // What was left of the 598.94 sale after the 209.00 refund went back with the cancellation.
    expect(after?.refunds.map((refund) => refund.amountCents)).toEqual([20_900, 38_994]);
    expect(storedOrder()?.displayFinancialStatus).toBe('REFUNDED');
  });

  it('refuses to cancel an order Shopify has already cancelled, in Shopify’s words', async () => {
    const order = await order1001();
    await write(order, { kind: 'cancel', reason: 'Ordered twice by mistake' });
    const error = await failure(write(order, { kind: 'cancel', reason: 'Asked again' }));
    expect(error).toBeInstanceOf(StoreRefused);
    expect(error).toMatchObject({
      message: 'Shopify refused: Cannot cancel an order that has already been cancelled',
    });
  });

  it('changes the shipping address through orderUpdate, the name split on its last space; a following find shows the new address', async () => {
    const order = await order1001();
    await write(order, {
      kind: 'address',
      address: {
        name: 'Bob van Norman',
        lines: ['1 Rue Principale', 'Apt 4'],
        city: 'Ottawa',
        region: 'ON',
        postcode: 'K1A 0B1',
        country: 'CA',
        changedAt: NOW,
        changedBy: 'rep-1',
      },
    });

    const request = onlyRequest();
    expect(request?.query).toBe(UPDATE_ADDRESS_MUTATION);
    expect(request?.query).toMatch(/\borderUpdate\(/);
    expect(request?.variables).toEqual({
      input: {
        id: FIXTURE_ORDER_GID,
        shippingAddress: {
          address1: '1 Rue Principale',
          address2: 'Apt 4',
          city: 'Ottawa',
          provinceCode: 'ON',
          zip: 'K1A 0B1',
          countryCode: 'CA',
          firstName: 'Bob van',
          lastName: 'Norman',
        },
      },
    });

    const after = (await connector().find(BOB))[0]?.orders[0];
    expect(after?.shippingAddress).toEqual({
      name: 'Bob van Norman',
      lines: ['1 Rue Principale', 'Apt 4'],
      city: 'Ottawa',
      region: 'ON',
      postcode: 'K1A 0B1',
      country: 'CA',
    });
  });

  it('sends a one-word name as the last name only, and what the new address lacks as null so none of the old one stays', async () => {
    const order = await order1001();
    await write(order, {
      kind: 'address',
      address: { name: 'Bob', lines: ['10 Downing St'], city: 'London', postcode: 'SW1A 2AA', country: 'GB' },
    });
    expect(onlyRequest()?.variables).toEqual({
      input: {
        id: FIXTURE_ORDER_GID,
        shippingAddress: {
          address1: '10 Downing St',
          address2: null,
          city: 'London',
          provinceCode: null,
          zip: 'SW1A 2AA',
          countryCode: 'GB',
          lastName: 'Bob',
        },
      },
    });
  });

  it('refunds lines through refundCreate: each by its Shopify line item, not restocked, the amount back through the captured sale; a following find shows the refund', async () => {
    const order = await order1001();
    expect(order.payments).toEqual([
      {
        id: 'shopify:389404469',
        method: 'shopify_payments',
        amountCents: 59_894,
        status: 'captured',
        processedAt: Date.parse('2008-01-10T16:00:00Z'),
      },
    ]);
    await write(order, {
      kind: 'refund',
      amountCents: 19_900,
      lines: [{ sku: 'IPOD2008RED', quantity: 1 }],
      note: 'Damaged in transit: screen cracked',
    });

    const request = onlyRequest();
    expect(request?.query).toBe(REFUND_MUTATION);
    expect(request?.query).toMatch(/\brefundCreate\(/);
    expect(request?.variables).toEqual({
      input: {
        orderId: FIXTURE_ORDER_GID,
        note: 'Damaged in transit: screen cracked',
        notify: false,
        refundLineItems: [{ lineItemId: 'gid://shopify/LineItem/518995019', quantity: 1, restockType: 'NO_RESTOCK' }],
        transactions: [
          {
            orderId: FIXTURE_ORDER_GID,
            parentId: FIXTURE_SALE_GID,
            gateway: 'shopify_payments',
            kind: 'REFUND',
            amount: '199.00',
          },
        ],
      },
    });

    const after = (await connector().find(BOB))[0]?.orders[0];
    expect(after?.refunds.slice(1)).toEqual([
      {
        id: expect.stringMatching(/^shopify:\d+$/) as unknown,
        amountCents: 19_900,
        reason: 'Damaged in transit: screen cracked',
        createdAt: NOW,
        lines: [{ sku: 'IPOD2008RED', quantity: 1 }],
      },
    ]);
    expect(after?.status).toBe('partially_fulfilled');
    expect(storedOrder()?.displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
  });

  it('refunds an amount on the whole order without lines; refunding all that is left leaves the order refunded', async () => {
    const order = await order1001();
    await write(order, { kind: 'refund', amountCents: 38_994, lines: null, note: 'Goodwill gesture' });

    expect(onlyRequest()?.variables).toEqual({
      input: {
        orderId: FIXTURE_ORDER_GID,
        note: 'Goodwill gesture',
        notify: false,
        transactions: [
          {
            orderId: FIXTURE_ORDER_GID,
            parentId: FIXTURE_SALE_GID,
            gateway: 'shopify_payments',
            kind: 'REFUND',
            amount: '389.94',
          },
        ],
      },
    });
    const after = (await connector().find(BOB))[0]?.orders[0];
    expect(after?.status).toBe('refunded');
    expect(after?.refunds.map((refund) => [refund.amountCents, refund.lines])).toEqual([
      [
        20_900,
        [
          { sku: 'IPOD2008BLACK', quantity: 1 },
          { sku: 'IPOD2008GREEN', quantity: 1 },
        ],
      ],
      [38_994, []],
    ]);
  });

  it('refuses a refund of more than was captured minus refunded, in Shopify’s words, and nothing is refunded', async () => {
    const order = await order1001();
    const error = await failure(write(order, { kind: 'refund', amountCents: 40_000, lines: null, note: 'Too much' }));
    expect(error).toBeInstanceOf(StoreRefused);
    expect(error).toMatchObject({
      message: 'Shopify refused: Refund amount 400.00 is more than the 389.94 left to refund',
    });
    expect((await connector().find(BOB))[0]?.orders[0]?.refunds).toHaveLength(1);
  });

  it('refuses without asking Shopify a line it knows no Shopify line of, and an amount with no captured payment to go back through', async () => {
    const order = await order1001();
    // A copy stored before lines carried their ref.
    const older: Order = { ...order, lineItems: order.lineItems.map(({ ref: _ref, ...line }) => line) };
    const line = await failure(
      write(older, { kind: 'refund', amountCents: 19_900, lines: [{ sku: 'IPOD2008RED', quantity: 1 }], note: '' }),
    );
    expect(line).toBeInstanceOf(StoreRefused);
    expect(line).toMatchObject({
      message:
        'Caredesk does not know which Shopify line IPOD2008RED on #1001 is: refresh the order from Shopify and try again.',
    });

    const unpaid: Order = { ...order, payments: [] };
    const amount = await failure(write(unpaid, { kind: 'refund', amountCents: 500, lines: null, note: '' }));
    expect(amount).toBeInstanceOf(StoreRefused);
    expect(amount).toMatchObject({
      message: 'Order #1001 has no payment captured in Shopify that Caredesk knows of: nothing to refund from.',
    });
    expect(shopify.requests).toEqual([]);
  });

  it('reports an unreachable, slow, throttled or failing Shopify as unavailable and worth retrying', async () => {
    const order = await order1001();
    const cancel: StoreWrite = { kind: 'cancel', reason: 'Ordered twice by mistake' };

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await failure(write(order, cancel, { shopUrl: `http://127.0.0.1:${port}` }));
    expect(unreachable).toBeInstanceOf(CrmUnavailable);
    expect(unreachable).toMatchObject({
      retryable: true,
      message: expect.stringMatching(/^Shopify cannot be reached/) as unknown,
    });

    shopify.answer = { delayMs: 1_500, body: { data: { orderCancel: { orderCancelUserErrors: [] } } } };
    const slow = await failure(write(order, cancel));
    expect(slow).toBeInstanceOf(CrmUnavailable);
    expect(slow).toMatchObject({ retryable: true, message: 'Shopify did not answer within 0.5 s.' });

    shopify.answer = {
      body: {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
        extensions: fixtureAnswer().extensions,
      },
    };
    const throttled = await failure(write(order, { kind: 'refund', amountCents: 100, lines: null, note: '' }));
    expect(throttled).toBeInstanceOf(CrmUnavailable);
    expect(throttled).toMatchObject({ retryable: true, message: 'Shopify answered: Throttled (THROTTLED)' });

    shopify.answer = { status: 502, body: {} };
    const failing = await failure(write(order, cancel));
    expect(failing).toBeInstanceOf(CrmUnavailable);
    expect(failing).toMatchObject({ retryable: true, message: 'Shopify answered HTTP 502.' });

    // None of them was made.
    shopify.answer = null;
    expect((await connector().find(BOB))[0]?.orders[0]?.status).not.toBe('cancelled');
  });

  it('reports a refused access token as unavailable and needing a person, not a retry', async () => {
    const order = await order1001();
    const error = await failure(write(order, { kind: 'cancel', reason: 'x' }, { accessToken: 'shpat_wrong' }));
    expect(error).toBeInstanceOf(CrmUnavailable);
    expect(error).toMatchObject({ retryable: false, message: 'Shopify refused the access token (HTTP 401).' });
  });
});
