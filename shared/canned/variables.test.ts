import { describe, expect, it } from 'vitest';
import { customer, NOW, order, shipment } from '../suggest/testing';
import { fillTemplate, parseTemplate, unsendableReasons, VARIABLES } from './variables';
import type { FillContext } from './variables';

const DAY = 86_400_000;
const shipped = order('1042', {
  status: 'fulfilled',
  totalCents: 12_350,
  placedAt: NOW - 3 * DAY,
  shipments: [shipment({ estimatedDelivery: Date.UTC(2026, 11, 8, 12) })],
});
const older = order('1017', { status: 'fulfilled', placedAt: NOW - 40 * DAY, currency: 'EUR', totalCents: 800 });
const ctx = (overrides: Partial<FillContext> = {}): FillContext => ({
  customer: customer(),
  orders: [older, shipped],
  about: 'Where is my parcel?',
  rep: { name: 'Ana Ruiz' },
  now: NOW,
  ...overrides,
});
const every = VARIABLES.map((v) => `${v}={{${v}}}`).join('\n');

describe('canned resolution variables', () => {
  it('fills every variable from the customer, the order the conversation is about and the rep', () => {
    const filled = fillTemplate(every, ctx());
    expect(filled.unfilled).toEqual([]);
    expect(filled.unknown).toEqual([]);
    expect(filled.text.split('\n')).toEqual([
      'customer.first_name=Maya',
      'customer.name=Maya Lopez',
      'customer.email=cu1@mail.example',
      'order.number=#1042',
      'order.total=$123.50',
      'order.status=shipped',
      'shipment.carrier=UPS',
      'shipment.tracking_number=1Z999AA10123456784',
      'shipment.tracking_url=https://www.ups.com/track?tracknum=1Z999AA10123456784',
      'shipment.eta=Tue 8 Dec',
      'rep.first_name=Ana',
    ]);
  });

  it('takes the order the message names over the newest undelivered one, spaces inside braces allowed', () => {
    const filled = fillTemplate('Order {{ order.number }}: {{order.total}}', ctx({ about: 'About order 1017 please' }));
    expect(filled.text).toBe('Order #1017: €8.00');
  });

  it('takes the newest order when every one is delivered', () => {
    const delivered = shipment({ status: 'delivered', deliveredAt: NOW - DAY });
    const a = order('1001', { placedAt: NOW - 9 * DAY, shipments: [delivered] });
    const b = order('1002', { placedAt: NOW - 5 * DAY, shipments: [delivered] });
    expect(fillTemplate('{{order.number}}', ctx({ orders: [a, b] })).text).toBe('#1002');
  });

  it('leaves what the record cannot fill as it is, and says why', () => {
    const noTracking = order('1042', { shipments: [shipment({ trackingNumber: '' })] });
    const filled = fillTemplate(
      'Tracking {{shipment.tracking_number}} via {{shipment.carrier}}',
      ctx({ orders: [noTracking] }),
    );
    expect(filled.text).toBe('Tracking {{shipment.tracking_number}} via UPS');
    expect(filled.unfilled).toEqual([
      {
        variable: 'shipment.tracking_number',
        message: 'No tracking number on order #1042: fill {{shipment.tracking_number}} or remove it',
      },
    ]);
  });

  it('says what is missing for each kind of gap', () => {
    const reasons = (body: string, overrides: Partial<FillContext>) =>
      fillTemplate(body, ctx(overrides)).unfilled.map((u) => u.message);
    expect(reasons('{{order.number}} {{shipment.eta}}', { orders: [] })).toEqual([
      'No order for this customer: fill {{order.number}} or remove it',
      'No order for this customer: fill {{shipment.eta}} or remove it',
    ]);
    expect(reasons('{{shipment.carrier}}', { orders: [order('1050')] })).toEqual([
      'No shipment on order #1050 yet: fill {{shipment.carrier}} or remove it',
    ]);
    const arrived = order('1051', { shipments: [shipment({ status: 'delivered', deliveredAt: NOW })] });
    expect(reasons('{{shipment.eta}}', { orders: [arrived] })).toEqual([
      'No delivery estimate on order #1051: fill {{shipment.eta}} or remove it',
    ]);
    expect(reasons('{{customer.email}}', { customer: { name: 'Maya', email: null } })).toEqual([
      'No email for this customer: fill {{customer.email}} or remove it',
    ]);
    expect(reasons('{{customer.first_name}} {{rep.first_name}}', { customer: null, rep: null })).toEqual([
      'No customer name: fill {{customer.first_name}} or remove it',
      'No rep name: fill {{rep.first_name}} or remove it',
    ]);
  });

  it('lists names that are not variables, once each, and leaves them in the text', () => {
    expect(parseTemplate('{{order.nmber}} {{order.number}} {{order.nmber}} {{}}')).toEqual({
      variables: ['order.number'],
      unknown: ['order.nmber', ''],
    });
    const filled = fillTemplate('Hi {{customer.nickname}}', ctx());
    expect(filled).toEqual({ text: 'Hi {{customer.nickname}}', unfilled: [], unknown: ['customer.nickname'] });
  });

  it('finds nothing to fill in plain text', () => {
    expect(fillTemplate('Thanks, all sorted!', ctx())).toEqual({
      text: 'Thanks, all sorted!',
      unfilled: [],
      unknown: [],
    });
  });

  it('blocks a reply while any variable is left in it, with the reason in words', () => {
    const noTracking = order('1042', { shipments: [shipment({ trackingNumber: ' ' })] });
    expect(
      unsendableReasons('{{shipment.tracking_number}} {{order.number}} {{foo}}', ctx({ orders: [noTracking] })),
    ).toEqual([
      'No tracking number on order #1042: fill {{shipment.tracking_number}} or remove it',
      '{{order.number}} is still in the reply: fill it or remove it',
      '{{foo}} is not a variable: remove it',
    ]);
    expect(unsendableReasons('Your order #1042 is on its way.', ctx())).toEqual([]);
  });
});
