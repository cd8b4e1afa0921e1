import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { decimalAmount, minorUnits } from './map';

/** The providers' documented wire formats, beside the repository (channels reference §0.2). */
const FIXTURES_DIR = resolve(import.meta.dirname, '../../../../shared/reference/fixtures');

/** A customer node as Shopify's Admin GraphQL answers it (the fixture's shape). */
export type CustomerNode = Record<string, unknown> & {
  id: string;
  defaultEmailAddress?: { emailAddress: string | null } | null;
  defaultPhoneNumber?: { phoneNumber: string | null } | null;
  orders: { nodes: Record<string, unknown>[] };
};

/** Shopify's documented answer for Bob Norman and order #1001 (channels reference §5.1). */
export function fixtureAnswer(): { data: { customers: { nodes: CustomerNode[] } }; extensions: unknown } {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, 'shopify_graphql_customer_history.response.json'), 'utf8')) as {
    data: { customers: { nodes: CustomerNode[] } };
    extensions: unknown;
  };
}

/** The fixture's order #1001. */
export const FIXTURE_ORDER_GID = 'gid://shopify/Order/450789469';
/** The payment `paidFixture` gives #1001. */
export const FIXTURE_SALE_GID = 'gid://shopify/OrderTransaction/389404469';

/**
 * The fixture's customers with #1001's payment as Shopify lists it (the documented answer asks for
 * no transactions): a sale of its 598.94 total by `shopify_payments`, and the 209.00 of its refund
 * given back through that sale.
 */
export function paidFixture(): CustomerNode[] {
  const customers = fixtureAnswer().data.customers.nodes;
  const order = customers[0]?.orders.nodes[0];
  if (!order) throw new Error('the fixture has no order');
  order.transactions = [
    transaction(FIXTURE_SALE_GID, 'SALE', '598.94', '2008-01-10T16:00:00Z'),
    {
      ...transaction('gid://shopify/OrderTransaction/389404470', 'REFUND', '209.00', '2025-01-02T16:27:13Z'),
      parentTransaction: { id: FIXTURE_SALE_GID },
    },
  ];
  return customers;
}

/** A successful transaction in USD by `shopify_payments`, as an order's `transactions` lists it. */
export function transaction(id: string, kind: string, amount: string, processedAt: string): Record<string, unknown> {
  return {
    id,
    kind,
    status: 'SUCCESS',
    gateway: 'shopify_payments',
    processedAt,
    parentTransaction: null,
    amountSet: { shopMoney: { amount, currencyCode: 'USD' } },
  };
}

export interface ShopifyRequest {
  path: string;
  token: string | undefined;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A local server speaking the slice of Shopify's Admin GraphQL API Caredesk calls: `customers(query:)`
 * by `email:"…"` or `phone:+…`, answered from `customers` (each with at most `orders` orders), and
 * the mutations order actions make (`orderCancel`, `orderUpdate`, `refundCreate`), which change
 * `customers` so that a following search shows their effect. `answer` overrides the next answers
 * (errors, HTTP statuses, delays) while set; a delay without a body answers late, and a mutation so
 * delayed is still made, as Shopify may make a change whose answer came too late. Shopify documents the shape of its user errors, not
 * their words: the double's words are its own.
 */
export interface ShopifyDouble {
  url: string;
  token: string;
  customers: CustomerNode[];
  requests: ShopifyRequest[];
  answer: null | { status?: number; body?: unknown; delayMs?: number };
  close(): Promise<void>;
}

export async function startShopifyDouble(token = 'shpat_test', clock: () => number = Date.now): Promise<ShopifyDouble> {
  const fixture = fixtureAnswer();
  let nextId = 900_000_000;
  const newId = (type: string) => `gid://shopify/${type}/${(nextId += 1)}`;
  const now = () => new Date(clock()).toISOString();
  const double: ShopifyDouble = {
    url: '',
    token,
    customers: fixture.data.customers.nodes,
    requests: [],
    answer: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const orderById = (id: unknown): ShopifyOrderNode | undefined =>
    double.customers.flatMap((customer) => customer.orders.nodes).find((order) => order.id === id) as
      ShopifyOrderNode | undefined;
  const mutations: Record<string, (variables: Record<string, unknown>) => unknown> = {
    orderCancel: (variables) => cancel(orderById(variables.orderId), variables, newId, now),
    orderUpdate: (variables) => updateOrder(variables, orderById),
    refundCreate: (variables) => createRefund(variables, orderById, newId, now),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<ShopifyRequest, 'path' | 'token'>;
      const variables = body.variables ?? {};
      const header = req.headers['x-shopify-access-token'];
      double.requests.push({ path: req.url ?? '', token: typeof header === 'string' ? header : undefined, ...body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const override = double.answer;
      const reply = () => {
        if (override?.status !== undefined || override?.body !== undefined)
          return send(override.status ?? 200, override.body ?? {});
        if (header !== double.token)
          return send(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
        const mutation = /^\s*mutation\b[^{]*\{\s*(\w+)\s*\(/.exec(body.query)?.[1];
        if (mutation !== undefined) {
          const run = mutations[mutation];
          if (!run) return send(200, { errors: [{ message: `Field '${mutation}' doesn't exist on type 'Mutation'` }] });
          const missing = missingVariable(mutation, variables);
          if (missing) return send(200, { errors: [{ message: missing, extensions: { code: 'INVALID_VARIABLE' } }] });
          return send(200, { data: { [mutation]: run(variables) }, extensions: fixture.extensions });
        }
        const q = typeof variables.q === 'string' ? variables.q : '';
        const orders = typeof variables.orders === 'number' ? variables.orders : 0;
        const nodes = double.customers
          .filter((customer) => matches(customer, q))
          .map((customer) => ({ ...customer, orders: { nodes: customer.orders.nodes.slice(0, orders) } }));
        send(200, { data: { customers: { nodes } }, extensions: fixture.extensions });
      };
      if (override?.delayMs) setTimeout(reply, override.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return double;
}

/** Shopify's search: `email:"x"` is an exact email, `phone:+1…` an E.164 phone. */
function matches(customer: CustomerNode, q: string): boolean {
  const email = /^email:"(.*)"$/.exec(q)?.[1];
  if (email !== undefined) return customer.defaultEmailAddress?.emailAddress?.toLowerCase() === email.toLowerCase();
  const id = /^id:(\d+)$/.exec(q)?.[1];
  if (id !== undefined) return customer.id.endsWith(`/${id}`);
  const phone = /^phone:(\+\d+)$/.exec(q)?.[1];
  return phone !== undefined && customer.defaultPhoneNumber?.phoneNumber === phone;
}

interface Money {
  shopMoney: { amount: string; currencyCode: string };
}
interface TransactionNode {
  id: string;
  kind: string;
  status: string;
  gateway?: string | null;
  processedAt?: string | null;
  parentTransaction?: { id: string } | null;
  amountSet: Money;
}
type ShopifyOrderNode = Record<string, unknown> & {
  id: string;
  cancelledAt?: string | null;
  displayFinancialStatus?: string | null;
  totalPriceSet: Money;
  lineItems: { nodes: (Record<string, unknown> & { id: string; quantity: number; refundableQuantity?: number })[] };
  refunds: Record<string, unknown>[];
  transactions?: TransactionNode[] | null;
};
interface UserError {
  field: string[];
  message: string;
}

/** A required variable left out, in the words of Shopify's GraphQL errors; null when all are there. */
function missingVariable(mutation: string, variables: Record<string, unknown>): string | null {
  const required: Record<string, [string, string][]> = {
    orderCancel: [
      ['orderId', 'ID!'],
      ['reason', 'OrderCancelReason!'],
      ['restock', 'Boolean!'],
    ],
    orderUpdate: [['input', 'OrderInput!']],
    refundCreate: [['input', 'RefundInput!']],
  };
  for (const [name, type] of required[mutation] ?? [])
    if (variables[name] === undefined || variables[name] === null)
      return `Variable $${name} of type ${type} was provided invalid value`;
  const input = variables.input as Record<string, unknown> | undefined;
  const id = mutation === 'orderUpdate' ? 'id' : mutation === 'refundCreate' ? 'orderId' : null;
  if (id && !input?.[id])
    return `Variable $input of type ${String(required[mutation]?.[0]?.[1])} was provided invalid value for ${id} (Expected value to not be null)`;
  return null;
}

const cents = (money: Money) => minorUnits(money.shopMoney.amount, money.shopMoney.currencyCode);
const money = (amountCents: number, currency: string): Money => ({
  shopMoney: { amount: decimalAmount(amountCents, currency), currencyCode: currency },
});
const successful = (order: ShopifyOrderNode, kinds: string[]) =>
  (order.transactions ?? []).filter(
    (transaction) => transaction.status === 'SUCCESS' && kinds.includes(transaction.kind),
  );

/** What was taken (sales, captures) and what went back (refunds), in minor units. */
function paidAndRefunded(order: ShopifyOrderNode): { paid: number; refunded: number } {
  const sum = (kinds: string[]) => successful(order, kinds).reduce((total, t) => total + cents(t.amountSet), 0);
  return { paid: sum(['SALE', 'CAPTURE']), refunded: sum(['REFUND']) };
}

function financialStatus(order: ShopifyOrderNode): string | null | undefined {
  const { paid, refunded } = paidAndRefunded(order);
  if (refunded <= 0) return order.displayFinancialStatus;
  return refunded >= paid ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}

function cancel(
  order: ShopifyOrderNode | undefined,
  variables: Record<string, unknown>,
  newId: (type: string) => string,
  now: () => string,
) {
  const refuse = (message: string, code: string) => {
    const errors = [{ field: ['orderId'], message, code }];
    return {
      job: null,
      orderCancelUserErrors: errors,
      userErrors: errors.map(({ field, message }) => ({ field, message })),
    };
  };
  if (!order) return refuse('Order does not exist', 'NOT_FOUND');
  if (order.cancelledAt) return refuse('Cannot cancel an order that has already been cancelled', 'INVALID');
  const method = variables.refundMethod as { originalPaymentMethodsRefund?: boolean } | null | undefined;
  // `refund` is the argument `refundMethod` deprecates; Shopify still takes either.
  const refund = method?.originalPaymentMethodsRefund === true || variables.refund === true;
  const at = now();
  order.cancelledAt = at;
  if (refund) {
    // Everything still held goes back through the payments it was taken by, as one refund.
    const currency = order.totalPriceSet.shopMoney.currencyCode;
    let refundedCents = 0;
    for (const payment of successful(order, ['SALE', 'CAPTURE'])) {
      const left = cents(payment.amountSet) - given(order, payment.id);
      if (left <= 0) continue;
      (order.transactions ??= []).push({
        ...refundTransaction(payment, left, newId('OrderTransaction')),
        processedAt: at,
      });
      refundedCents += left;
    }
    if (refundedCents > 0) {
      order.refunds.push({
        id: newId('Refund'),
        createdAt: at,
        note: null,
        totalRefundedSet: money(refundedCents, currency),
        refundLineItems: { nodes: [] },
      });
      order.displayFinancialStatus = financialStatus(order);
    }
  }
  return { job: { id: newId('Job'), done: false }, orderCancelUserErrors: [], userErrors: [] };
}

/** What has gone back through one payment. */
function given(order: ShopifyOrderNode, paymentId: string): number {
  return successful(order, ['REFUND'])
    .filter((refund) => refund.parentTransaction?.id === paymentId)
    .reduce((total, refund) => total + cents(refund.amountSet), 0);
}

function refundTransaction(parent: TransactionNode, amountCents: number, id: string): TransactionNode {
  return {
    id,
    kind: 'REFUND',
    status: 'SUCCESS',
    gateway: parent.gateway ?? null,
    parentTransaction: { id: parent.id },
    amountSet: money(amountCents, parent.amountSet.shopMoney.currencyCode),
  };
}

function updateOrder(variables: Record<string, unknown>, orderById: (id: unknown) => ShopifyOrderNode | undefined) {
  const input = variables.input as { id: string; shippingAddress?: Record<string, string | null | undefined> };
  const order = orderById(input.id);
  if (!order) return { order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] };
  const address = input.shippingAddress;
  if (address) {
    const name = [address.firstName, address.lastName].filter(Boolean).join(' ');
    order.shippingAddress = {
      name: name || null,
      firstName: address.firstName ?? null,
      lastName: address.lastName ?? null,
      address1: address.address1 ?? null,
      address2: address.address2 ?? null,
      city: address.city ?? null,
      provinceCode: address.provinceCode ?? null,
      zip: address.zip ?? null,
      countryCodeV2: address.countryCode ?? null,
    };
  }
  return { order: { id: order.id }, userErrors: [] };
}

interface RefundInput {
  orderId: string;
  note?: string | null;
  refundLineItems?: { lineItemId: string; quantity: number; restockType?: string }[] | null;
  transactions?: { orderId: string; parentId?: string | null; gateway: string; kind: string; amount: string }[] | null;
}

function createRefund(
  variables: Record<string, unknown>,
  orderById: (id: unknown) => ShopifyOrderNode | undefined,
  newId: (type: string) => string,
  now: () => string,
) {
  const input = variables.input as RefundInput;
  const order = orderById(input.orderId);
  const refuse = (errors: UserError[]) => ({ refund: null, userErrors: errors });
  if (!order) return refuse([{ field: ['orderId'], message: 'Order does not exist' }]);
  const currency = order.totalPriceSet.shopMoney.currencyCode;
  const errors: UserError[] = [];
  const lines = (input.refundLineItems ?? []).map((item, index) => {
    const line = order.lineItems.nodes.find((node) => node.id === item.lineItemId);
    if (!line)
      errors.push({ field: ['refundLineItems', String(index), 'lineItemId'], message: 'Line item does not exist' });
    else if (item.quantity > (line.refundableQuantity ?? line.quantity))
      errors.push({
        field: ['refundLineItems', String(index), 'quantity'],
        message: `Quantity cannot refund more items than were purchased (${line.refundableQuantity ?? line.quantity} left)`,
      });
    return { item, line };
  });
  const transactions = (input.transactions ?? []).map((entry, index) => {
    const parent = successful(order, ['SALE', 'CAPTURE']).find((payment) => payment.id === entry.parentId);
    const field = (name: string) => ['transactions', String(index), name];
    const amountCents = /^\d+(\.\d+)?$/.test(entry.amount) ? minorUnits(entry.amount, currency) : NaN;
    if (entry.kind !== 'REFUND' || entry.orderId !== order.id)
      errors.push({ field: field('kind'), message: 'Transaction must be a refund of this order' });
    else if (!parent) errors.push({ field: field('parentId'), message: 'Parent transaction does not exist' });
    else if (!(amountCents > 0)) errors.push({ field: field('amount'), message: 'Amount must be greater than zero' });
    else if (entry.gateway !== parent.gateway)
      errors.push({ field: field('gateway'), message: 'Gateway must be the gateway of the parent transaction' });
    else {
      const left = cents(parent.amountSet) - given(order, parent.id);
      if (amountCents > left)
        errors.push({
          field: field('amount'),
          message: `Refund amount ${decimalAmount(amountCents, currency)} is more than the ${decimalAmount(left, currency)} left to refund`,
        });
    }
    return { parent, amountCents };
  });
  if (errors.length > 0) return refuse(errors);
  const at = now();
  let refundedCents = 0;
  for (const { parent, amountCents } of transactions) {
    if (!parent) continue;
    (order.transactions ??= []).push({
      ...refundTransaction(parent, amountCents, newId('OrderTransaction')),
      processedAt: at,
    });
    refundedCents += amountCents;
  }
  for (const { item, line } of lines) {
    if (line && typeof line.refundableQuantity === 'number') line.refundableQuantity -= item.quantity;
  }
  const refund = {
    id: newId('Refund'),
    createdAt: at,
    note: input.note ?? null,
    totalRefundedSet: money(refundedCents, currency),
    refundLineItems: {
      nodes: lines.map(({ item, line }) => ({
        quantity: item.quantity,
        lineItem: { id: item.lineItemId, title: line?.title },
      })),
    },
  };
  order.refunds.push(refund);
  order.displayFinancialStatus = financialStatus(order);
  return { refund: { id: refund.id }, userErrors: [] };
}
