import type { Order, User } from './entities';
import { CaredeskError } from './errors';
import { formatMoney } from './money';
import type { OrderLine, ShippingAddress } from './order-extras';
import { reachOf } from './permissions';

// What order actions may do to an order, computed the same way by the server, the engine and the
// renderer (shared/sync/actions/order-*.ts apply them).

/** A rep's refund limit when none is stored for them: 50.00 in each currency's units (5000 minor units). */
export const DEFAULT_REP_REFUND_LIMIT_CENTS = 5_000;

/** The most a user may refund at once without a lead's approval; null: no limit (leads, admins). */
export function refundLimitOf(user: Pick<User, 'role'>, storedCents: number | null | undefined): number | null {
  if (user.role !== 'rep') return null;
  return storedCents ?? DEFAULT_REP_REFUND_LIMIT_CENTS;
}

/** Whether the role may approve or decline a refund at all (`approveRefund` in the permission matrix); the team is checked with the conversation. */
export function mayApproveRefunds(user: Pick<User, 'role'>): boolean {
  return reachOf(user.role, 'approveRefund') !== 'none';
}

/** Cancelled or refunded: nothing more can be done to it but read it. */
export function isClosedOrder(order: Order): boolean {
  return order.status === 'cancelled' || order.status === 'refunded';
}

/** Nothing has left the warehouse: no shipment, or only labels created. */
export function isUnshipped(order: Order): boolean {
  return order.shipments.every((shipment) => shipment.status === 'label_created' && !shipment.replacement);
}

/** What was paid and kept: captured payments, including those refunded since (the refunds say how much). */
export function capturedCents(order: Order): number {
  return order.payments
    .filter((payment) => payment.status === 'captured' || payment.status === 'refunded')
    .reduce((sum, payment) => sum + payment.amountCents, 0);
}

export function refundedCents(order: Order): number {
  return order.refunds.reduce((sum, refund) => sum + refund.amountCents, 0);
}

export function awaitingRequests(order: Order) {
  return (order.refundRequests ?? []).filter((request) => request.status === 'awaiting_approval');
}

/** What may still be refunded: captured minus refunded minus what waits for approval. */
export function refundableCents(order: Order): number {
  const waiting = awaitingRequests(order).reduce((sum, request) => sum + request.amountCents, 0);
  return Math.max(0, capturedCents(order) - refundedCents(order) - waiting);
}

function addLines(into: Map<string, number>, lines: readonly OrderLine[] | undefined): void {
  for (const line of lines ?? []) into.set(line.sku, (into.get(line.sku) ?? 0) + line.quantity);
}

/** Per SKU: how many were bought. */
export function boughtQuantities(order: Order): Map<string, number> {
  const bought = new Map<string, number>();
  addLines(bought, order.lineItems);
  return bought;
}

/** Per SKU: how many may still be refunded (bought minus refunded minus waiting for approval). */
export function refundableQuantities(order: Order): Map<string, number> {
  const left = boughtQuantities(order);
  const taken = new Map<string, number>();
  for (const refund of order.refunds) addLines(taken, refund.lines);
  for (const request of awaitingRequests(order)) addLines(taken, request.lines);
  for (const [sku, quantity] of taken) left.set(sku, Math.max(0, (left.get(sku) ?? 0) - quantity));
  return left;
}

/** The same SKUs added up, in the order first named. */
export function mergeLines(lines: readonly OrderLine[]): OrderLine[] {
  const merged = new Map<string, number>();
  addLines(merged, lines);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

function unitPrice(order: Order, sku: string): number {
  const item = order.lineItems.find((line) => line.sku === sku);
  return item ? item.unitPriceCents : 0;
}

/** The amount of a refund by line: each line's unit price times its quantity. */
export function linesAmountCents(order: Order, lines: readonly OrderLine[]): number {
  return lines.reduce((sum, line) => sum + unitPrice(order, line.sku) * line.quantity, 0);
}

/** Refuses lines naming a SKU the order does not have, or more than `available` of one. */
export function checkLines(order: Order, lines: readonly OrderLine[], available: Map<string, number>, what: string) {
  if (lines.length === 0) throw new CaredeskError('invalid_input', `Choose at least one line to ${what}.`);
  const bought = boughtQuantities(order);
  for (const line of mergeLines(lines)) {
    if (!bought.has(line.sku)) {
      throw new CaredeskError('invalid_input', `Order ${order.number} has no line ${line.sku}.`);
    }
    const left = available.get(line.sku) ?? 0;
    if (line.quantity > left) {
      throw new CaredeskError(
        'invalid_input',
        `Only ${left} of ${line.sku} on ${order.number} can be ${what === 'refund' ? 'refunded' : 'sent again'}; you asked for ${line.quantity}.`,
      );
    }
  }
}

/**
 * What a refund would amount to, checked against the order: everything still refundable when
 * `lines` is absent, else the lines' amount (their quantities within what may still be refunded).
 * Refused when there is nothing left, or when it is more than captured minus refunded.
 */
export function refundAmount(order: Order, lines: readonly OrderLine[] | undefined): number {
  if (order.status === 'cancelled') {
    throw new CaredeskError('conflict', `Order ${order.number} is cancelled: its payments were refunded then.`);
  }
  const refundable = refundableCents(order);
  if (lines === undefined) {
    if (refundable <= 0) throw nothingLeft(order);
    return refundable;
  }
  checkLines(order, lines, refundableQuantities(order), 'refund');
  const amount = linesAmountCents(order, lines);
  if (amount <= 0) throw nothingLeft(order);
  if (amount > refundable) {
    throw new CaredeskError(
      'invalid_input',
      `A refund of ${formatMoney(amount, order.currency)} is more than the ${formatMoney(refundable, order.currency)} left to refund on ${order.number}.`,
    );
  }
  return amount;
}

function nothingLeft(order: Order): CaredeskError {
  return new CaredeskError('invalid_input', `Nothing is left to refund on ${order.number}.`);
}

/** Refuses a cancel or an address change on an order that has shipped, or is cancelled or refunded. */
export function checkUnshipped(order: Order, what: string): void {
  if (isClosedOrder(order)) {
    throw new CaredeskError('conflict', `Order ${order.number} is ${order.status}: it cannot ${what}.`);
  }
  if (!isUnshipped(order)) {
    throw new CaredeskError('conflict', `Order ${order.number} has shipped: it can no longer ${what}.`);
  }
}

const POSTCODES: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  AU: /^\d{4}$/,
};

/** ISO 3166-1 alpha-2, as far as the runtime's region names know it. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  const name = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }).of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}

/**
 * The address as it will be stored (trimmed, country upper-cased), or a refusal naming the field
 * to fix: 1–3 lines, a city, a postcode that fits the country (where Caredesk knows its form), an
 * ISO country code.
 */
export function validAddress(address: ShippingAddress): ShippingAddress {
  const lines = address.lines.map((line) => line.trim()).filter((line) => line.length > 0);
  const city = address.city.trim();
  const postcode = address.postcode.trim().toUpperCase();
  const country = address.country.trim().toUpperCase();
  const bad = (message: string) => new CaredeskError('invalid_input', message);
  if (lines.length === 0) throw bad('The address needs at least one street line.');
  if (lines.some((line) => line.length > 100)) throw bad('An address line can be at most 100 characters.');
  if (city.length === 0 || city.length > 100) throw bad('The address needs a city (at most 100 characters).');
  if (!isCountryCode(country)) throw bad(`“${address.country}” is not a country code: use two letters, e.g. US or GB.`);
  const form = POSTCODES[country] ?? /^[A-Z0-9][A-Z0-9 -]{1,9}$/i;
  if (!form.test(postcode)) throw bad(`“${address.postcode}” is not a postcode of ${country}.`);
  const region = address.region?.trim();
  const name = address.name?.trim();
  return {
    ...(name ? { name } : {}),
    lines,
    city,
    ...(region ? { region } : {}),
    postcode,
    country,
  };
}

/** An address on one line, for notes and confirmations. */
export function formatAddress(address: ShippingAddress): string {
  return [address.name, ...address.lines, address.city, address.region, address.postcode, address.country]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join(', ');
}

/** "2 × SKU-1, 1 × SKU-2" */
export function formatLines(lines: readonly OrderLine[]): string {
  return lines.map((line) => `${line.quantity} × ${line.sku}`).join(', ');
}
