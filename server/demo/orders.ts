import type { Faker } from '@faker-js/faker';
import type { LineItem, Order, Payment, Shipment, ShipmentStatus, TrackingEvent } from '../../shared/domain/entities';
import { CARD_BRANDS, CARRIERS, PRODUCTS, WAREHOUSE } from './catalog';
import type { Carrier, Country } from './catalog';
import type { DemoCustomer } from './people';

const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export type Intent =
  | 'where_is_order'
  | 'late_delivery'
  | 'damaged_item'
  | 'return_request'
  | 'refund_status'
  | 'praise'
  | 'billing_double_charge'
  | 'billing_card_declined'
  | 'billing_invoice';

/** Sequential ids and order numbers shared by one generation run. */
export class Counters {
  private readonly next = new Map<string, number>();
  orderNumber = 1000;

  id(prefix: string, width = 7): string {
    const n = (this.next.get(prefix) ?? 0) + 1;
    this.next.set(prefix, n);
    return `${prefix}-${String(n).padStart(width, '0')}`;
  }
}

export interface OrderFacts {
  order: Order;
  /** The line item the conversation is about. */
  item: LineItem;
  shipment: Shipment | null;
}

function trackingNumber(faker: Faker, carrier: string): string {
  switch (carrier) {
    case 'UPS':
      return `1Z${faker.string.alphanumeric({ length: 6, casing: 'upper' })}03${faker.string.numeric({ length: 8, allowLeadingZeros: true })}`;
    case 'FedEx':
      return faker.string.numeric({ length: 12, allowLeadingZeros: false });
    case 'USPS':
      return `9400${faker.string.numeric({ length: 18, allowLeadingZeros: true })}`;
    case 'Royal Mail':
      return `${faker.string.alpha({ length: 2, casing: 'upper' })}${faker.string.numeric({ length: 9, allowLeadingZeros: true })}GB`;
    default:
      return faker.string.numeric({ length: 10, allowLeadingZeros: false });
  }
}

function pickCarrier(faker: Faker, country: Country): Carrier {
  return faker.helpers.arrayElement(CARRIERS.filter((carrier) => carrier.countries.includes(country)));
}

interface ShipmentPlan {
  shippedAt: number;
  estimatedDelivery: number;
  /** Time of the newest scan; events after it have not happened. */
  asOf: number;
  deliveredAt: number | null;
  exception: string | null;
}

function makeShipment(faker: Faker, counters: Counters, person: DemoCustomer, plan: ShipmentPlan): Shipment {
  const carrier = pickCarrier(faker, person.country);
  const number = trackingNumber(faker, carrier.name);
  const origin = WAREHOUSE[person.country];
  const destination = person.place.city;
  const hub = faker.helpers.arrayElement(carrier.hubs);
  const candidates: TrackingEvent[] = [
    { at: plan.shippedAt - 3 * HOUR, status: 'label_created', location: origin, description: 'Shipping label created' },
    { at: plan.shippedAt, status: 'in_transit', location: origin, description: `Picked up by ${carrier.name}` },
    { at: plan.shippedAt + 14 * HOUR, status: 'in_transit', location: hub, description: 'Arrived at sort facility' },
    { at: plan.shippedAt + 20 * HOUR, status: 'in_transit', location: hub, description: 'Departed sort facility' },
  ];
  if (plan.exception !== null) {
    candidates.push({
      at: plan.shippedAt + 40 * HOUR,
      status: 'exception',
      location: hub,
      description: plan.exception,
    });
  }
  if (plan.deliveredAt !== null) {
    const delivered = person.country === 'GB' ? 'Delivered, left in safe place' : 'Delivered, front door';
    candidates.push(
      {
        at: plan.deliveredAt - 5 * HOUR,
        status: 'out_for_delivery',
        location: destination,
        description: 'Out for delivery',
      },
      {
        at: plan.deliveredAt,
        status: 'delivered',
        location: destination,
        description: faker.helpers.arrayElement([delivered, 'Delivered, handed to resident']),
      },
    );
  }
  const events = candidates.filter((event) => event.at <= plan.asOf).sort((a, b) => a.at - b.at);
  const status: ShipmentStatus = events[events.length - 1]?.status ?? 'label_created';
  return {
    id: counters.id('shp'),
    carrier: carrier.name,
    trackingNumber: number,
    trackingUrl: carrier.trackingUrl(number),
    status,
    shippedAt: plan.shippedAt,
    estimatedDelivery: plan.estimatedDelivery,
    deliveredAt: status === 'delivered' ? plan.deliveredAt : null,
    events,
  };
}

function lineItems(faker: Faker, country: Country): LineItem[] {
  const products = faker.helpers.arrayElements(
    PRODUCTS,
    faker.helpers.weightedArrayElement([
      { weight: 5, value: 1 },
      { weight: 3, value: 2 },
      { weight: 1, value: 3 },
    ]),
  );
  return products.map((product) => {
    const size = faker.helpers.arrayElement(product.sizes);
    const color = faker.helpers.arrayElement(product.colors);
    const sizeCode = size.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
    const colorCode = color
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase();
    // UK prices are set in pounds, VAT shown separately like the US sales tax.
    const unitPriceCents =
      country === 'US' ? product.priceCents : Math.round((product.priceCents * 0.8) / 100) * 100 - 1;
    return {
      sku: `NW-${product.code}-${colorCode}-${sizeCode}`,
      title: size === 'One Size' ? `${product.name}, ${color}` : `${product.name}, ${color} / ${size}`,
      quantity: product.code === 'SCK-MER' ? faker.number.int({ min: 1, max: 2 }) : 1,
      unitPriceCents,
    };
  });
}

function payment(
  faker: Faker,
  counters: Counters,
  amountCents: number,
  at: number,
  status: Payment['status'],
): Payment {
  const method =
    faker.number.float() < 0.15
      ? 'PayPal'
      : `${faker.helpers.arrayElement(CARD_BRANDS)} •••• ${faker.string.numeric({ length: 4, allowLeadingZeros: true })}`;
  return { id: counters.id('pay'), method, amountCents, status, processedAt: at };
}

function baseOrder(faker: Faker, counters: Counters, person: DemoCustomer, placedAt: number): Order {
  const items = lineItems(faker, person.country);
  const subtotalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const freeShipping = subtotalCents >= (person.country === 'US' ? 9_900 : 7_500);
  const shippingCents = freeShipping ? 0 : person.country === 'US' ? 795 : 495;
  const taxCents = Math.round(subtotalCents * (person.country === 'US' ? 0.0825 : 0.2));
  const totalCents = subtotalCents + shippingCents + taxCents;
  counters.orderNumber += 1;
  return {
    id: counters.id('ord'),
    customerId: person.customer.id,
    number: `#${counters.orderNumber}`,
    placedAt,
    status: 'paid',
    currency: person.country === 'US' ? 'USD' : 'GBP',
    subtotalCents,
    shippingCents,
    taxCents,
    totalCents,
    lineItems: items,
    payments: [payment(faker, counters, totalCents, placedAt + 2 * 60 * 1000, 'captured')],
    shipments: [],
    returns: [],
    refunds: [],
  };
}

/** An older, uneventful order: placed, shipped, delivered. */
export function makePastOrder(faker: Faker, counters: Counters, person: DemoCustomer, before: number): Order {
  const placedAt = before - faker.number.int({ min: 30, max: 400 }) * DAY - faker.number.int({ min: 0, max: DAY });
  const order = baseOrder(faker, counters, person, placedAt);
  const shippedAt = placedAt + faker.number.int({ min: 12, max: 40 }) * HOUR;
  const deliveredAt = shippedAt + faker.number.int({ min: 2, max: 5 }) * DAY;
  order.shipments.push(
    makeShipment(faker, counters, person, {
      shippedAt,
      estimatedDelivery: deliveredAt,
      asOf: deliveredAt,
      deliveredAt,
      exception: null,
    }),
  );
  order.status = 'fulfilled';
  return order;
}

const EXCEPTIONS = [
  'Delivery exception: severe weather delay',
  'Package delayed in transit',
  'Delivery attempted: address information needed',
  'Missed scheduled flight, rescheduled',
];

/**
 * The order a conversation is about, in the state its intent implies at `t0` (the first
 * message). `replied` says whether the rep's resolution is part of the conversation.
 */
export function makeOrderForIntent(
  faker: Faker,
  counters: Counters,
  person: DemoCustomer,
  intent: Intent,
  t0: number,
  replied: boolean,
): OrderFacts {
  const days = (min: number, max: number) => faker.number.int({ min: min * 24, max: max * 24 }) * HOUR;
  let placedAt: number;
  let plan: ShipmentPlan | null;
  switch (intent) {
    case 'where_is_order': {
      placedAt = t0 - days(2, 4);
      const shippedAt = placedAt + days(0.5, 1.5);
      plan = { shippedAt, estimatedDelivery: t0 + days(1, 3), asOf: t0, deliveredAt: null, exception: null };
      break;
    }
    case 'late_delivery': {
      placedAt = t0 - days(8, 14);
      const shippedAt = placedAt + days(1, 2);
      const exception = faker.number.float() < 0.6 ? faker.helpers.arrayElement(EXCEPTIONS) : null;
      plan = { shippedAt, estimatedDelivery: t0 - days(1, 3), asOf: t0, deliveredAt: null, exception };
      break;
    }
    case 'billing_card_declined':
      placedAt = t0 - days(0.2, 2);
      plan = null;
      break;
    default: {
      const deliveredAgo =
        intent === 'refund_status'
          ? days(15, 35)
          : intent === 'return_request'
            ? days(4, 20)
            : intent === 'billing_invoice'
              ? days(3, 40)
              : days(1, 4);
      const deliveredAt = t0 - deliveredAgo;
      const shippedAt = deliveredAt - days(2, 4);
      placedAt = shippedAt - days(0.5, 1.5);
      plan = {
        shippedAt,
        estimatedDelivery: deliveredAt + (faker.number.float() < 0.7 ? 0 : DAY),
        asOf: t0,
        deliveredAt,
        exception: null,
      };
    }
  }
  const order = baseOrder(faker, counters, person, placedAt);
  const item = faker.helpers.arrayElement(order.lineItems);
  let shipment: Shipment | null = null;
  if (plan) {
    shipment = makeShipment(faker, counters, person, plan);
    order.shipments.push(shipment);
    order.status = 'fulfilled';
  }
  const first = order.payments[0];

  switch (intent) {
    case 'damaged_item':
      if (replied) {
        order.returns.push({
          id: counters.id('ret'),
          status: 'approved',
          reason: 'Arrived damaged',
          createdAt: t0 + HOUR,
          items: [{ sku: item.sku, quantity: 1 }],
        });
      }
      break;
    case 'return_request':
      if (replied) {
        order.returns.push({
          id: counters.id('ret'),
          status: 'approved',
          reason: faker.helpers.arrayElement(['Too small', 'Too large', 'Colour not as expected', 'Changed my mind']),
          createdAt: t0 + HOUR,
          items: [{ sku: item.sku, quantity: 1 }],
        });
      }
      break;
    case 'refund_status': {
      const returnedAt = t0 - days(6, 12);
      order.returns.push({
        id: counters.id('ret'),
        status: 'received',
        reason: faker.helpers.arrayElement(['Too small', 'Too large', 'Not as pictured']),
        createdAt: returnedAt,
        items: [{ sku: item.sku, quantity: 1 }],
      });
      // Half the time the refund has already gone out; the other half it is still owed.
      if (faker.number.float() < 0.5) {
        order.refunds.push({
          id: counters.id('rfd'),
          amountCents: refundFor(order, item),
          reason: 'Return received',
          createdAt: t0 - days(1, 4),
        });
        if (order.lineItems.length === 1 && item.quantity === 1) {
          order.status = 'refunded';
          if (first) first.status = 'refunded';
        }
      }
      break;
    }
    case 'billing_double_charge':
      if (first)
        order.payments.push({
          ...payment(faker, counters, first.amountCents, first.processedAt + 90_000, replied ? 'refunded' : 'captured'),
          method: first.method,
        });
      break;
    case 'billing_card_declined':
      order.status = 'pending';
      order.payments = [
        { ...(first ?? payment(faker, counters, order.totalCents, placedAt, 'failed')), status: 'failed' },
      ];
      break;
    default:
      break;
  }
  return { order, item, shipment };
}

/** What returning one unit of `item` refunds, tax included. */
export function refundFor(order: Order, item: LineItem): number {
  return item.unitPriceCents + Math.round((item.unitPriceCents * order.taxCents) / Math.max(1, order.subtotalCents));
}
