// The grounding check: every checkable value in a reply's final text must come from this customer's
// record. It reads the text itself, never the facts a playbook says it used, so an edited or
// invented value is caught however it got there.
import type { Order } from '../domain/entities';
import { extractAmounts, extractDates, extractOrderNumbers, extractTrackingNumbers, URL_PATTERN } from './entities';
import { addDays, dayOf, formatAmount, formatDay, WEEKDAYS } from './format';
import { orderDigits } from './orders';
import { DEFAULT_POLICY, type SuggestPolicy } from './policy';
import type { CustomerRecord, Grounding, GroundingProblem } from './types';

/** Carriers a reply may name; one of them must carry the order it speaks of. */
export const KNOWN_CARRIERS = [
  'UPS',
  'FedEx',
  'USPS',
  'DHL',
  'Royal Mail',
  'Parcelforce',
  'Canada Post',
  'Purolator',
  'Australia Post',
  'DPD',
  'GLS',
  'Hermes',
  'Evri',
  'PostNL',
  'La Poste',
  'Colissimo',
  'Chronopost',
  'Correos',
  'SEUR',
  'Poste Italiane',
  'BRT',
  'CTT',
  'OnTrac',
  'Amazon Logistics',
] as const;

const CARRIER_PATTERN = new RegExp(`\\b(${KNOWN_CARRIERS.map((c) => c.replace(/ /g, '\\s+')).join('|')})\\b`, 'gi');

const ADDRESS_PATTERN =
  /\b\d{1,5}\s+(?:[A-Z][\w'-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Close|Crescent)\b\.?/g;

/** "your Steel Kettle", "the Cascade 28L Daypack", "a replacement Stoneware Mug", or a quoted “Name”. */
const PRODUCT_PATTERN =
  /\b(?:your|the|a|an|replacement|new)\s+((?:[A-Z][\w'-]*)(?:\s+[A-Z0-9][\w'-]*){0,4})|[“"]([^”"\n]{2,60})[”"]/g;
/** Title-case words in a reply that are not products. */
const NOT_PRODUCTS =
  /^(?:Visa|Mastercard|Amex|American Express|Discover|PayPal|Apple Pay|Google Pay|Klarna|I|YES|Customer Care)\b/;

export interface GroundOptions {
  now: number;
  policy?: SuggestPolicy;
}

/** Every day a reply may name: the record's own dates, today, the follow-up day and return deadlines. */
function allowedDays(orders: readonly Order[], now: number, policy: SuggestPolicy): Set<number> {
  const days = new Set<number>([dayOf(now), dayOf(addDays(now, policy.followUpHours / 24))]);
  for (const order of orders) {
    days.add(dayOf(order.placedAt));
    for (const p of order.payments) days.add(dayOf(p.processedAt));
    for (const r of order.returns) days.add(dayOf(r.createdAt));
    for (const r of order.refunds) days.add(dayOf(r.createdAt));
    for (const s of order.shipments) {
      days.add(dayOf(s.shippedAt));
      if (s.deliveredAt !== null) {
        days.add(dayOf(s.deliveredAt));
        days.add(dayOf(addDays(s.deliveredAt, policy.returnWindowDays)));
      }
      // An estimate counts only while it is still ahead (or was met).
      if (s.status === 'delivered' || dayOf(s.estimatedDelivery) >= dayOf(now)) days.add(dayOf(s.estimatedDelivery));
      for (const e of s.events) days.add(dayOf(e.at));
    }
  }
  return days;
}

/** Every amount in the record, by currency: totals, parts, line items, payments, refunds. */
function amountsOf(orders: readonly Order[]): Map<string, Set<number>> {
  const byCurrency = new Map<string, Set<number>>();
  for (const order of orders) {
    const set = byCurrency.get(order.currency) ?? new Set<number>();
    byCurrency.set(order.currency, set);
    for (const cents of [order.totalCents, order.subtotalCents, order.shippingCents, order.taxCents]) set.add(cents);
    for (const item of order.lineItems) {
      set.add(item.unitPriceCents);
      set.add(item.unitPriceCents * item.quantity);
    }
    for (const p of order.payments) set.add(p.amountCents);
    for (const r of order.refunds) set.add(r.amountCents);
  }
  return byCurrency;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function groundSuggestion(text: string, record: CustomerRecord, options: GroundOptions): Grounding {
  const policy = options.policy ?? DEFAULT_POLICY;
  const { now } = options;
  const orders = record.orders;
  const who = record.customer.name.trim() || 'this customer';
  const problems: GroundingProblem[] = [];
  const refuse = (kind: GroundingProblem['kind'], value: string, reason: string) =>
    problems.push({ kind, value, reason });
  let rest = text.replace(policy.signOff, ' ');

  // Links first: they carry tracking numbers and words of their own.
  const links = new Set([
    ...orders.flatMap((o) => o.shipments.map((s) => s.trackingUrl)),
    ...(policy.returnPortalUrl ? [policy.returnPortalUrl] : []),
  ]);
  for (const url of rest.match(URL_PATTERN) ?? []) {
    if (!links.has(url))
      refuse('url', url, `${url} is not a tracking link of ${who}'s shipments or a link the policy allows.`);
  }
  rest = rest.replace(URL_PATTERN, ' ');

  const named: Order[] = [];
  for (const { text: mention, digits } of extractOrderNumbers(rest)) {
    const order = orders.find((o) => orderDigits(o) === digits);
    if (order) named.push(order);
    else refuse('order_number', `#${digits}`, `Order #${digits} is not one of ${who}'s orders.`);
    rest = rest.replace(mention, ' ');
  }
  // The shipments a reply may speak of: those of the orders it names, else all of the customer's.
  const shipments = (named.length > 0 ? named : orders).flatMap((o) => o.shipments);
  const allShipments = orders.flatMap((o) => o.shipments);

  const trackingMentions = [
    ...extractTrackingNumbers(rest).map((t) => t.text),
    ...[
      ...rest.matchAll(/\b[Tt]racking(?:\s+(?:number|no\.?|code|id))?(?:\s+is)?:?\s+((?=[A-Z]*\d)[A-Z0-9]{8,})\b/g),
    ].map((m) => m[1] ?? ''),
  ];
  for (const tracking of new Set(trackingMentions)) {
    const own = allShipments.find((s) => s.trackingNumber.toUpperCase() === tracking.toUpperCase());
    if (!own)
      refuse('tracking_number', tracking, `${tracking} is not the tracking number of any of ${who}'s shipments.`);
    else if (!shipments.includes(own))
      refuse('tracking_number', tracking, `${tracking} belongs to another of ${who}'s orders than the one named.`);
    rest = rest.split(tracking).join(' ');
  }

  for (const m of rest.matchAll(CARRIER_PATTERN)) {
    const carrier = (m[1] ?? '').replace(/\s+/g, ' ');
    const carries = (s: { carrier: string }) => normalise(s.carrier) === normalise(carrier);
    if (shipments.some(carries)) continue;
    const actual = [...new Set(shipments.map((s) => s.carrier))];
    refuse(
      'carrier',
      carrier,
      actual.length > 0
        ? `${carrier} is not the carrier: ${named.length > 0 ? `order ${named.map((o) => o.number).join(', ')}` : `${who}'s orders`} ship${named.length === 1 ? 's' : ''} with ${actual.join(', ')}.`
        : `${carrier} carries none of ${who}'s shipments; nothing has shipped.`,
    );
  }

  const amounts = amountsOf(orders);
  for (const amount of extractAmounts(rest)) {
    if (amount.currency === null) {
      refuse('amount', amount.text, `${amount.text} names no currency.`);
      continue;
    }
    if (amounts.get(amount.currency)?.has(amount.cents)) continue;
    const elsewhere = [...amounts].filter(([, set]) => set.has(amount.cents)).map(([currency]) => currency);
    refuse(
      'amount',
      amount.text,
      elsewhere.length > 0
        ? `${amount.text} is in ${amount.currency}, but the record has ${elsewhere.map((c) => formatAmount(amount.cents, c)).join(', ')}: wrong currency.`
        : `${amount.text} is not an amount in ${who}'s record.`,
    );
  }

  const days = allowedDays(orders, now, policy);
  const staleEtas = new Set(
    allShipments
      .filter((s) => s.status !== 'delivered' && dayOf(s.estimatedDelivery) < dayOf(now))
      .map((s) => dayOf(s.estimatedDelivery)),
  );
  for (const date of extractDates(rest, now)) {
    if (date.day === null) {
      refuse('date', date.text, `${date.text} can be read as two different days; write it as "${formatDay(now)}".`);
      continue;
    }
    const weekday = /^(mon|tue|wed|thu|fri|sat|sun)/i.exec(date.text)?.[1];
    const actual = WEEKDAYS[new Date(date.day * 86_400_000).getUTCDay()] ?? '';
    if (weekday && weekday.toLowerCase() !== actual.toLowerCase()) {
      refuse('date', date.text, `${date.text} names the wrong weekday: that day is a ${actual}.`);
    } else if (days.has(date.day)) continue;
    else if (staleEtas.has(date.day)) {
      refuse(
        'date',
        date.text,
        `${date.text} is an estimated delivery that has passed without a delivery: the estimate is stale.`,
      );
    } else refuse('date', date.text, `${date.text} is not a date in ${who}'s record.`);
  }

  for (const m of rest.matchAll(ADDRESS_PATTERN)) {
    refuse('address', m[0], `The record holds no address to check "${m[0]}" against.`);
  }

  const titles = new Set(orders.flatMap((o) => o.lineItems.map((i) => normalise(i.title))));
  for (const m of rest.matchAll(PRODUCT_PATTERN)) {
    const candidate = (m[1] ?? m[2] ?? '').trim();
    if (!candidate || NOT_PRODUCTS.test(candidate)) continue;
    if (KNOWN_CARRIERS.some((c) => normalise(c) === normalise(candidate))) continue;
    // A quote that names no product (`reply "refund"`) is not a product.
    if (m[2] !== undefined && !/^[A-Z]/.test(candidate)) continue;
    // A title read up to its variant ("Nordic Down Parka" of "Nordic Down Parka, Olive / XL") is that product.
    const name = normalise(candidate);
    const known = [...titles].some((t) => t === name || t.startsWith(`${name},`) || t.startsWith(`${name} (`));
    if (!known) refuse('product', candidate, `"${candidate}" is not a product in ${who}'s orders.`);
  }

  return { ok: problems.length === 0, problems };
}
