import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../domain/channels';
import { INTENTS } from '../triage/taxonomy';
import { groundSuggestion } from './ground';
import { suggest } from './suggest';
import { generatedRecord, NOW, order, record, shipment } from './testing';

const DAY = 86_400_000;
const check = (text: string, rec = record()) => groundSuggestion(text, rec, { now: NOW });

describe('groundSuggestion', () => {
  it('passes a reply whose every value is in the record', () => {
    expect(
      check(
        'Order #1042 is on its way with UPS (tracking 1Z999AA10123456784), expected Tue 8 Dec: ' +
          'https://www.ups.com/track?tracknum=1Z999AA10123456784. I can refund $45.00 for your Steel Kettle.',
      ),
    ).toEqual({ ok: true, problems: [] });
  });

  it('refuses an invented tracking number', () => {
    const result = check('Order #1042 is with UPS, tracking 1Z999AA10999999999, expected Tue 8 Dec.');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        kind: 'tracking_number',
        value: '1Z999AA10999999999',
        reason: "1Z999AA10999999999 is not the tracking number of any of Maya Lopez's shipments.",
      },
    ]);
    // A shape the carrier readers do not know is still read after the word "tracking".
    expect(check('Your tracking number is QX7781234ZZ.').problems).toMatchObject([
      { kind: 'tracking_number', value: 'QX7781234ZZ' },
    ]);
  });

  it('refuses another customer’s order number', () => {
    expect(check('Order #2077 shipped yesterday.').problems).toEqual([
      { kind: 'order_number', value: '#2077', reason: "Order #2077 is not one of Maya Lopez's orders." },
    ]);
    expect(check('Your order 2077 is on its way.').problems).toMatchObject([{ kind: 'order_number', value: '#2077' }]);
  });

  it('refuses an estimated delivery that has passed', () => {
    const rec = record();
    rec.orders = [order('1042', { shipments: [shipment({ estimatedDelivery: NOW - DAY, events: [] })] })];
    expect(check('Order #1042 with UPS is expected Sat 5 Dec.', rec).problems).toEqual([
      {
        kind: 'date',
        value: 'Sat 5 Dec',
        reason: 'Sat 5 Dec is an estimated delivery that has passed without a delivery: the estimate is stale.',
      },
    ]);
  });

  it('refuses an amount in the wrong currency, and one not in the record at all', () => {
    expect(check('We refunded €45.00 for order #1042.').problems).toEqual([
      { kind: 'amount', value: '€45.00', reason: '€45.00 is in EUR, but the record has $45.00: wrong currency.' },
    ]);
    expect(check('We refunded $44.00.').problems).toMatchObject([
      { kind: 'amount', reason: "$44.00 is not an amount in Maya Lopez's record." },
    ]);
  });

  it('refuses a carrier that does not carry the order named', () => {
    expect(check('Order #1042 is on its way with FedEx.').problems).toEqual([
      { kind: 'carrier', value: 'FedEx', reason: 'FedEx is not the carrier: order #1042 ships with UPS.' },
    ]);
    // USPS carries another of her orders, not the one named.
    expect(check('Order #1042 is on its way with USPS.').problems).toMatchObject([{ kind: 'carrier', value: 'USPS' }]);
    expect(check('Order #1001 was delivered by USPS.').ok).toBe(true);
  });

  it('refuses a product the customer never ordered', () => {
    expect(check('I’ll send a replacement for your Bamboo Whisk from order #1042.').problems).toEqual([
      { kind: 'product', value: 'Bamboo Whisk', reason: '"Bamboo Whisk" is not a product in Maya Lopez\'s orders.' },
    ]);
    expect(check('Your Ceramic Teapot is on its way.').ok).toBe(true);
    // A model number inside the name is part of it: "Cascade 28L Daypack" is not read as "Cascade".
    expect(check('I’m sorry about your Stoneware Mug 2L.').problems).toMatchObject([
      { kind: 'product', value: 'Stoneware Mug 2L' },
    ]);
  });

  it('refuses invented links, addresses, dates and weekdays', () => {
    expect(check('Track it at https://track.example/1042').problems).toMatchObject([{ kind: 'url' }]);
    expect(check('We will send it to 12 Harbour Street instead.').problems).toMatchObject([
      { kind: 'address', value: '12 Harbour Street' },
    ]);
    expect(check('It will arrive Thu 24 Dec.').problems).toMatchObject([
      { kind: 'date', reason: "Thu 24 Dec is not a date in Maya Lopez's record." },
    ]);
    expect(check('It is expected Mon 8 Dec.').problems).toMatchObject([
      { kind: 'date', reason: 'Mon 8 Dec names the wrong weekday: that day is a Tue.' },
    ]);
    expect(check('It shipped on 4/12.').problems).toMatchObject([{ kind: 'date', value: '4/12' }]);
  });

  it('keeps a refused suggestion out of one-key sending and says why', () => {
    const rec = record();
    // The record itself is fine; the reply is edited to quote a different tracking number.
    const { suggestions } = suggest({
      text: 'where is order #1042',
      channel: 'x',
      intent: 'order_status',
      sentiment: 'neutral',
      record: rec,
      now: NOW,
    });
    expect(suggestions.every((s) => s.sendable)).toBe(true);
    const edited = suggestions[0]!.text.replace(
      'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      'tracking 1Z999AA10000000001',
    );
    const result = groundSuggestion(edited, rec, { now: NOW });
    expect(result.ok).toBe(false);
    expect(result.problems[0]?.reason).toContain('is not the tracking number');
  });
});

describe('every playbook’s own replies pass the grounding check', () => {
  const messages = [
    'where is my order?',
    'my package never arrived and tracking says delivered',
    'can I change the address',
    'I want to return this',
    'where is my refund',
    'please cancel my order',
    'the item arrived broken',
    'you charged me twice',
    'do you sell gift cards',
  ];
  it.each(Array.from({ length: 24 }, (_, i) => i + 1))('generated record %i', (seed) => {
    const rec = generatedRecord(seed);
    const named = rec.orders[seed % rec.orders.length]!.number;
    for (const intent of INTENTS) {
      for (const channel of CHANNELS) {
        for (const text of [...messages, `about order ${named}`]) {
          const { suggestions } = suggest({
            text,
            channel,
            intent,
            sentiment: seed % 2 ? 'negative' : 'neutral',
            record: rec,
            now: NOW,
          });
          for (const s of suggestions) {
            expect({ text: s.text, problems: s.problems }).toEqual({ text: s.text, problems: [] });
            expect(s.sendable).toBe(true);
          }
        }
      }
    }
  });
});
