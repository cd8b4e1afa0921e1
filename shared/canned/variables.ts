// The variables of a canned resolution: `{{customer.first_name}}`, `{{order.number}}`, … filled from
// the conversation's customer and the order it is about, the way suggested replies choose it.
import type { Customer, Order, OrderStatus, Shipment } from '../domain/entities';
import { currentShipment } from '../suggest/draft';
import { extractEntities } from '../suggest/extract';
import { firstName, formatAmount, formatDay } from '../suggest/format';
import { selectOrder } from '../suggest/orders';

/** Every variable a canned resolution may use, in the order the editor lists them. */
export const VARIABLES = [
  'customer.first_name',
  'customer.name',
  'customer.email',
  'order.number',
  'order.total',
  'order.status',
  'shipment.carrier',
  'shipment.tracking_number',
  'shipment.tracking_url',
  'shipment.eta',
  'rep.first_name',
] as const;
export type Variable = (typeof VARIABLES)[number];

/** `{{ name }}`: letters, digits, dots and underscores between double braces, spaces allowed inside. */
const TOKEN = /\{\{\s*([^{}\s]*)\s*\}\}/g;

export const isVariable = (name: string): name is Variable => (VARIABLES as readonly string[]).includes(name);

/** What a template is filled from: the open conversation's customer, their orders, the message it answers. */
export interface FillContext {
  customer: Pick<Customer, 'name' | 'email'> | null;
  orders: readonly Order[];
  /** The customer's newest message: an order it names by number or product is the order. */
  about: string;
  rep: { name: string } | null;
  now: number;
}

/** A variable that could not be filled, and what the rep is told about it. */
export interface Unfilled {
  variable: Variable;
  message: string;
}

export interface Filled {
  /** The text with every variable that could be filled replaced; the others stay as `{{name}}`. */
  text: string;
  unfilled: Unfilled[];
  /** Names between braces that are not variables (a typo): the editor refuses to save them. */
  unknown: string[];
}

/** The variables and the unknown names a template uses, each once, in order of appearance. */
export function parseTemplate(body: string): { variables: Variable[]; unknown: string[] } {
  const variables: Variable[] = [];
  const unknown: string[] = [];
  for (const [, name = ''] of body.matchAll(TOKEN)) {
    if (isVariable(name)) {
      if (!variables.includes(name)) variables.push(name);
    } else if (!unknown.includes(name)) unknown.push(name);
  }
  return { variables, unknown };
}

const STATUS_WORDS: Record<OrderStatus, string> = {
  pending: 'pending',
  paid: 'paid',
  fulfilled: 'shipped',
  partially_fulfilled: 'partly shipped',
  cancelled: 'cancelled',
  refunded: 'refunded',
};

type Value = { value: string } | { missing: string };

/** The order the conversation is about: named > with a named product > newest undelivered > newest. */
export function orderAbout(ctx: FillContext): Order | null {
  const entities = extractEntities(ctx.about, ctx.orders, ctx.now);
  return selectOrder(entities, ctx.orders).order;
}

function orderValue(order: Order | null, pick: (order: Order) => string): Value {
  return order ? { value: pick(order) } : { missing: 'No order for this customer' };
}

function shipmentValue(
  order: Order | null,
  what: string,
  pick: (shipment: Shipment, order: Order) => string | null,
): Value {
  if (!order) return { missing: 'No order for this customer' };
  const shipment = currentShipment(order);
  if (!shipment) return { missing: `No shipment on order ${order.number} yet` };
  const value = pick(shipment, order)?.trim() ?? '';
  return value === '' ? { missing: `No ${what} on order ${order.number}` } : { value };
}

function valueOf(variable: Variable, ctx: FillContext, order: Order | null): Value {
  const customer = ctx.customer;
  switch (variable) {
    case 'customer.first_name':
      return customer && firstName(customer.name)
        ? { value: firstName(customer.name) }
        : { missing: 'No customer name' };
    case 'customer.name':
      return customer && customer.name.trim() ? { value: customer.name.trim() } : { missing: 'No customer name' };
    case 'customer.email':
      return customer?.email ? { value: customer.email } : { missing: 'No email for this customer' };
    case 'order.number':
      return orderValue(order, (o) => o.number);
    case 'order.total':
      return orderValue(order, (o) => formatAmount(o.totalCents, o.currency));
    case 'order.status':
      return orderValue(order, (o) => STATUS_WORDS[o.status]);
    case 'shipment.carrier':
      return shipmentValue(order, 'carrier', (s) => s.carrier);
    case 'shipment.tracking_number':
      return shipmentValue(order, 'tracking number', (s) => s.trackingNumber);
    case 'shipment.tracking_url':
      return shipmentValue(order, 'tracking link', (s) => s.trackingUrl);
    case 'shipment.eta':
      return shipmentValue(order, 'delivery estimate', (s) =>
        s.status === 'delivered' || s.estimatedDelivery === 0 ? null : formatDay(s.estimatedDelivery, ctx.now),
      );
    case 'rep.first_name':
      return ctx.rep && firstName(ctx.rep.name) ? { value: firstName(ctx.rep.name) } : { missing: 'No rep name' };
  }
}

const fillOrRemove = (reason: string, variable: string) => `${reason}: fill {{${variable}}} or remove it`;

/**
 * Fills every variable it can; one it cannot stays as `{{name}}` in the text, listed with the
 * reason ("No tracking number on order #1042: fill {{shipment.tracking_number}} or remove it").
 */
export function fillTemplate(body: string, ctx: FillContext): Filled {
  const { variables, unknown } = parseTemplate(body);
  const order = variables.some((v) => v.startsWith('order.') || v.startsWith('shipment.')) ? orderAbout(ctx) : null;
  const values = new Map(variables.map((variable) => [variable, valueOf(variable, ctx, order)] as const));
  const text = body.replace(TOKEN, (token, name: string) => {
    const value = isVariable(name) ? values.get(name) : undefined;
    return value && 'value' in value ? value.value : token;
  });
  const unfilled: Unfilled[] = [];
  for (const [variable, value] of values) {
    if ('missing' in value) unfilled.push({ variable, message: fillOrRemove(value.missing, variable) });
  }
  return { text, unfilled, unknown };
}

/**
 * Why a reply cannot be sent yet: each `{{…}}` still in it, in words. A variable the record can
 * fill says so too (the rep typed it by hand); an unknown name is named as such. Empty: it may go.
 */
export function unsendableReasons(text: string, ctx: FillContext): string[] {
  const { unfilled, unknown } = fillTemplate(text, ctx);
  const missing = new Set(unfilled.map((u) => u.variable));
  const { variables } = parseTemplate(text);
  return [
    ...unfilled.map((u) => u.message),
    ...variables.filter((v) => !missing.has(v)).map((v) => `{{${v}}} is still in the reply: fill it or remove it`),
    ...unknown.map((name) => `{{${name}}} is not a variable: remove it`),
  ];
}
