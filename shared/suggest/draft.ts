// What a playbook writes: sentences, some optional (dropped first where the channel is short), and
// the facts they quote, each taken from the record through one of these helpers.
import type { Channel } from '../domain/channels';
import type { Order, Shipment, TrackingEvent } from '../domain/entities';
import type { Sentiment } from '../triage/taxonomy';
import type { ExtractedEntities } from './entities';
import { addDays, formatAmount, formatDay } from './format';
import type { SuggestPolicy } from './policy';
import type { CustomerRecord, Fact, FactKind } from './types';

export interface PlaybookContext {
  record: CustomerRecord;
  /** The order the message is about, or null when the customer has none. */
  order: Order | null;
  text: string;
  entities: ExtractedEntities;
  channel: Channel;
  sentiment: Sentiment;
  now: number;
  policy: SuggestPolicy;
}

interface Part {
  text: string;
  /** Dropped, last first, when the reply does not fit the channel. */
  optional: boolean;
}

export class Draft {
  readonly parts: Part[] = [];
  readonly facts: Fact[] = [];

  constructor(
    readonly playbook: string,
    private readonly ctx: PlaybookContext,
  ) {}

  say(text: string): this {
    this.parts.push({ text, optional: false });
    return this;
  }

  /** A sentence that helps but is not needed to resolve the message. */
  add(text: string): this {
    this.parts.push({ text, optional: true });
    return this;
  }

  quote(kind: FactKind, value: string, source: string): string {
    this.facts.push({ kind, value, source });
    return value;
  }

  private orderPath(order: Order): string {
    return `orders[${this.ctx.record.orders.indexOf(order)}]`;
  }

  number(order: Order): string {
    return this.quote('order_number', order.number, `${this.orderPath(order)}.number`);
  }

  amount(order: Order, cents: number, field: string): string {
    return this.quote('amount', formatAmount(cents, order.currency), `${this.orderPath(order)}.${field}`);
  }

  date(millis: number, source: string): string {
    return this.quote('date', formatDay(millis, this.ctx.now), source);
  }

  orderDate(order: Order, millis: number, field: string): string {
    return this.date(millis, `${this.orderPath(order)}.${field}`);
  }

  /** The day a rep comes back with what they promised to find out. */
  followUp(): string {
    return this.date(addDays(this.ctx.now, this.ctx.policy.followUpHours / 24), 'policy.followUpHours');
  }

  product(order: Order, title: string): string {
    const index = order.lineItems.findIndex((item) => item.title === title);
    return this.quote('product', title, `${this.orderPath(order)}.lineItems[${index}].title`);
  }

  private shipmentPath(order: Order, shipment: Shipment): string {
    return `${this.orderPath(order)}.shipments[${order.shipments.indexOf(shipment)}]`;
  }

  carrier(order: Order, shipment: Shipment): string {
    return this.quote('carrier', shipment.carrier, `${this.shipmentPath(order, shipment)}.carrier`);
  }

  tracking(order: Order, shipment: Shipment): string {
    return this.quote(
      'tracking_number',
      shipment.trackingNumber,
      `${this.shipmentPath(order, shipment)}.trackingNumber`,
    );
  }

  link(order: Order, shipment: Shipment): string {
    return this.quote('url', shipment.trackingUrl, `${this.shipmentPath(order, shipment)}.trackingUrl`);
  }

  shipmentDate(order: Order, shipment: Shipment, field: 'shippedAt' | 'estimatedDelivery' | 'deliveredAt'): string {
    return this.date(shipment[field] ?? shipment.estimatedDelivery, `${this.shipmentPath(order, shipment)}.${field}`);
  }

  /** "Sat 5 Dec in Sacramento, CA (Departed facility)"; a scan with no place (a store's): "Sat 5 Dec (In transit)". */
  scan(order: Order, shipment: Shipment, event: TrackingEvent): string {
    const at = this.date(
      event.at,
      `${this.shipmentPath(order, shipment)}.events[${shipment.events.indexOf(event)}].at`,
    );
    return event.location ? `${at} in ${event.location} (${event.description})` : `${at} (${event.description})`;
  }
}

/** The shipment a question is about: the first still on its way, else the one delivered last. */
export function currentShipment(order: Order): Shipment | null {
  const moving = order.shipments.find((s) => s.status !== 'delivered');
  if (moving) return moving;
  return [...order.shipments].sort((a, b) => (b.deliveredAt ?? 0) - (a.deliveredAt ?? 0))[0] ?? null;
}

export function lastScan(shipment: Shipment): TrackingEvent | null {
  return [...shipment.events].sort((a, b) => b.at - a.at)[0] ?? null;
}

/** Whether the record gives a delivery estimate (a store's fulfillment may have none: 0). */
export function hasEstimate(shipment: Shipment): boolean {
  return shipment.estimatedDelivery !== 0;
}

/** An estimate that has passed without a delivery no longer says anything about when it comes. */
export function isLate(shipment: Shipment, now: number): boolean {
  return shipment.status !== 'delivered' && hasEstimate(shipment) && shipment.estimatedDelivery < now;
}

/** The item a message is about: the product it names in this order, else the only item it has, else none. */
export function itemOf(ctx: PlaybookContext, order: Order): Order['lineItems'][number] | null {
  const named = ctx.entities.products.find((p) => p.orderNumber === order.number);
  const found = order.lineItems.find((item) => item.title === named?.title);
  if (found) return found;
  // With several items and none named, naming one would be a guess.
  return order.lineItems.length === 1 ? (order.lineItems[0] ?? null) : null;
}

export function paymentMethod(order: Order): string {
  const captured = order.payments.find((p) => p.status === 'captured') ?? order.payments[0];
  return captured ? `your ${captured.method}` : 'your original payment method';
}

export function settleDays(ctx: PlaybookContext): string {
  const [from, to] = ctx.policy.refundSettleDays;
  return `${from}–${to} business days`;
}
