// Records for the suggestion tests: a customer with orders in every state a reply has to handle.
import type { Customer, Order, Shipment } from '../domain/entities';
import type { CustomerRecord } from './types';

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
