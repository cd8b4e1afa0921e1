// Records for the suggestion tests: a customer with orders in every state a reply has to handle.
import type { Customer, Order, Shipment } from '../domain/entities';
import type { CustomerRecord } from './types';
import { pick, seededRandom } from '../random';

export const NOW = Date.UTC(2026, 11, 6, 10, 0); // Sun 6 Dec 2026, 10:00 UTC
const DAY = 86_400_000;

export function customer(id = 'cu1', name = 'Maya Lopez'): Customer {
  return { id, name, email: `${id}@mail.example`, createdAt: NOW - 400 * DAY, identities: [] };
}

export function shipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    id: 'sh1',
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    status: 'in_transit',
    shippedAt: NOW - 2 * DAY,
    estimatedDelivery: NOW + 2 * DAY,
    deliveredAt: null,
    events: [
      { at: NOW - 2 * DAY, status: 'label_created', location: 'Reno, NV', description: 'Label created' },
      { at: NOW - DAY, status: 'in_transit', location: 'Sacramento, CA', description: 'Departed facility' },
    ],
    ...overrides,
  };
}

export function order(number: string, overrides: Partial<Order> = {}): Order {
  return {
    id: `o${number}`,
    customerId: 'cu1',
    number: `#${number}`,
    placedAt: NOW - 4 * DAY,
    status: 'paid',
    currency: 'USD',
    subtotalCents: 4_500,
    shippingCents: 500,
    taxCents: 0,
    totalCents: 5_000,
    lineItems: [{ sku: 'KET-1', title: 'Steel Kettle', quantity: 1, unitPriceCents: 4_500 }],
    payments: [
      {
        id: `p${number}`,
        method: 'Visa ending 4242',
        amountCents: 5_000,
        status: 'captured',
        processedAt: NOW - 4 * DAY,
      },
    ],
    shipments: [],
    returns: [],
    refunds: [],
    ...overrides,
  };
}

/** One customer, four orders: delivered long ago, in transit, not shipped, delivered recently. */
export function record(): CustomerRecord {
  return {
    customer: customer(),
    orders: [
      order('1001', {
        placedAt: NOW - 90 * DAY,
        status: 'fulfilled',
        lineItems: [{ sku: 'MUG-2', title: 'Stoneware Mug', quantity: 2, unitPriceCents: 1_200 }],
        subtotalCents: 2_400,
        shippingCents: 500,
        totalCents: 2_900,
        payments: [
          {
            id: 'p1001',
            method: 'Visa ending 4242',
            amountCents: 2_900,
            status: 'captured',
            processedAt: NOW - 90 * DAY,
          },
        ],
        shipments: [
          shipment({
            id: 'sh1001',
            carrier: 'USPS',
            trackingNumber: '9400111899223344556677',
            trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556677',
            status: 'delivered',
            shippedAt: NOW - 88 * DAY,
            estimatedDelivery: NOW - 85 * DAY,
            deliveredAt: NOW - 85 * DAY,
            events: [{ at: NOW - 85 * DAY, status: 'delivered', location: 'Oakland, CA', description: 'Delivered' }],
          }),
        ],
      }),
      order('1042', { placedAt: NOW - 4 * DAY, status: 'fulfilled', shipments: [shipment()] }),
      order('1050', {
        placedAt: NOW - DAY,
        lineItems: [{ sku: 'TEA-3', title: 'Ceramic Teapot', quantity: 1, unitPriceCents: 3_000 }],
        subtotalCents: 3_000,
        shippingCents: 500,
        totalCents: 3_500,
        payments: [
          {
            id: 'p1050',
            method: 'Mastercard ending 1111',
            amountCents: 3_500,
            status: 'captured',
            processedAt: NOW - DAY,
          },
        ],
      }),
    ],
  };
}

const CARRIERS: readonly (readonly [string, (r: () => number) => string, string])[] = [
  ['UPS', (r) => `1Z${digits(r, 6)}A${digits(r, 9)}`, 'https://www.ups.com/track?tracknum='],
  ['FedEx', (r) => digits(r, 12), 'https://www.fedex.com/fedextrack/?trknbr='],
  ['USPS', (r) => `9400${digits(r, 18)}`, 'https://tools.usps.com/go/TrackConfirmAction?tLabels='],
  ['DHL', (r) => digits(r, 10), 'https://www.dhl.com/track?tracking-id='],
  ['Royal Mail', (r) => `RM${digits(r, 9)}GB`, 'https://www.royalmail.com/track-your-item#/tracking-results/'],
];
const PRODUCTS = [
  'Steel Kettle',
  'Ceramic Teapot',
  'Linen Apron',
  'Oak Cutting Board',
  'Cast Iron Skillet',
  'Glass Carafe',
];
const METHODS = ['Visa ending 4242', 'Mastercard ending 1111', 'PayPal'];
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'JPY'];
const LOCATIONS = ['Reno, NV', 'Leeds', 'Lyon', 'Rotterdam', 'Toronto, ON'];

function digits(r: () => number, n: number): string {
  return Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
}

/** A customer with one to four orders in random states: unshipped, moving, late, lost, delivered, returned, refunded. */
export function generatedRecord(seed: number): CustomerRecord {
  const r = seededRandom(seed);
  const orders: Order[] = [];
  const count = 1 + Math.floor(r() * 4);
  for (let i = 0; i < count; i++) {
    const number = String(1000 + Math.floor(r() * 9000));
    const currency = pick(r, CURRENCIES);
    const placedAt = NOW - Math.floor(r() * 60) * DAY - Math.floor(r() * DAY);
    const items = Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({
      sku: `SKU-${Math.floor(r() * 1000)}`,
      title: pick(r, PRODUCTS),
      quantity: 1 + Math.floor(r() * 2),
      unitPriceCents: (currency === 'JPY' ? 100 : 1) * (500 + Math.floor(r() * 20_000)),
    }));
    const subtotal = items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
    const total = subtotal + 500;
    const stage = Math.floor(r() * 6); // 0 unshipped, 1 moving, 2 late, 3 exception, 4 delivered, 5 delivered + refunded
    const [carrier, tracking, url] = pick(r, CARRIERS);
    const trackingNumber = tracking(r);
    const shippedAt = placedAt + DAY;
    const deliveredAt = stage >= 4 ? Math.min(shippedAt + 3 * DAY, NOW - 1) : null;
    const status =
      (['label_created', 'in_transit', 'in_transit', 'exception', 'delivered', 'delivered'] as const)[stage] ??
      'in_transit';
    const shipments: Shipment[] =
      stage === 0
        ? []
        : [
            {
              id: `sh${number}`,
              carrier,
              trackingNumber,
              trackingUrl: `${url}${trackingNumber}`,
              status,
              shippedAt,
              estimatedDelivery: stage === 2 ? NOW - 2 * DAY : stage >= 4 ? (deliveredAt ?? NOW) : NOW + 3 * DAY,
              deliveredAt,
              events: [
                { at: shippedAt, status: 'label_created', location: pick(r, LOCATIONS), description: 'Label created' },
                ...(deliveredAt === null
                  ? []
                  : [
                      {
                        at: deliveredAt,
                        status: 'delivered' as const,
                        location: pick(r, LOCATIONS),
                        description: 'Delivered',
                      },
                    ]),
              ],
            },
          ];
    const payments = [
      {
        id: `p${number}`,
        method: pick(r, METHODS),
        amountCents: total,
        status: 'captured' as const,
        processedAt: placedAt,
      },
    ];
    if (r() < 0.2) payments.push({ ...payments[0]!, id: `p${number}b`, processedAt: placedAt + 60_000 });
    orders.push(
      order(number, {
        id: `o${seed}-${i}`,
        customerId: `cu${seed}`,
        placedAt,
        currency,
        status: stage === 0 ? 'paid' : 'fulfilled',
        lineItems: items,
        subtotalCents: subtotal,
        shippingCents: 500,
        taxCents: 0,
        totalCents: total,
        payments,
        shipments,
        refunds:
          stage === 5
            ? [
                {
                  id: `r${number}`,
                  amountCents: items[0]!.unitPriceCents,
                  reason: 'damaged',
                  createdAt: (deliveredAt ?? NOW) + DAY,
                },
              ]
            : [],
      }),
    );
  }
  return {
    customer: customer(`cu${seed}`, pick(r, ['Maya Lopez', 'Sam Okafor', 'Jo Brandt', 'Ana Ferreira'])),
    orders,
  };
}
