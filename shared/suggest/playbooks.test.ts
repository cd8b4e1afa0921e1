import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../domain/channels';
import { INTENTS } from '../triage/taxonomy';
import { firstName } from './format';
import { groundSuggestion } from './ground';
import { withPolicy } from './policy';
import { draftReplies, type SuggestInput } from './suggest';
import { NOW, order, record, shipment } from './testing';
import type { CustomerRecord } from './types';

const DAY = 86_400_000;

function input(text: string, overrides: Partial<SuggestInput> = {}): SuggestInput {
  return {
    text,
    channel: 'email',
    intent: 'order_status',
    sentiment: 'neutral',
    record: record(),
    now: NOW,
    ...overrides,
  };
}

/** The value at a fact's source path (`orders[1].shipments[0].carrier`), or the policy field it names. */
function at(rec: CustomerRecord, path: string): unknown {
  let value: unknown = rec;
  for (const key of path.split(/[.[\]]+/).filter(Boolean)) value = (value as Record<string, unknown>)[key];
  return value;
}

describe('draftReplies', () => {
  it('writes one to three ranked replies for every intent on every channel, in the channel’s register', () => {
    for (const intent of INTENTS) {
      for (const channel of CHANNELS) {
        for (const text of ['where is order #1042?', 'my teapot is broken', 'order 1001', 'hello']) {
          const { replies } = draftReplies(input(text, { intent, channel, sentiment: 'negative' }));
          expect(replies.length).toBeGreaterThanOrEqual(1);
          expect(replies.length).toBeLessThanOrEqual(3);
          expect(replies.map((r) => r.rank)).toEqual(replies.map((_, i) => i + 1));
          for (const reply of replies) {
            if (channel === 'x') expect(reply.text.length).toBeLessThanOrEqual(280);
            if (channel === 'sms') expect(reply.text.length).toBeLessThanOrEqual(320);
            if (channel === 'email') {
              expect(reply.text).toMatch(/^Hi Maya,\n\n/);
              expect(reply.text).toMatch(/\n\nBest regards,\nThe Customer Care team$/);
            }
            for (const fact of reply.facts) {
              expect(reply.text).toContain(fact.value);
              if (!fact.source.startsWith('policy.')) expect(at(record(), fact.source)).toBeDefined();
            }
          }
        }
      }
    }
  });

  it('answers where an order is with its carrier, tracking link, last scan and estimated delivery', () => {
    const { analysis, replies } = draftReplies(input('Hi, where is my order #1042?'));
    expect(analysis.order).toEqual({ number: '#1042', why: 'named' });
    expect(analysis.language.language).toBe('en');
    const best = replies[0];
    expect(best?.playbook).toBe('order_status.tracking');
    expect(best?.text).toContain('UPS');
    expect(best?.text).toContain('expected Tue 8 Dec');
    expect(best?.text).toContain('Sat 5 Dec in Sacramento, CA (Departed facility)');
    expect(best?.text).toContain('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(best?.facts).toContainEqual({ kind: 'carrier', value: 'UPS', source: 'orders[1].shipments[0].carrier' });
  });

  it('says what it will find out, and by when, when the order has not shipped', () => {
    const { replies } = draftReplies(input('where is my teapot'));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('hasn’t shipped yet');
    expect(replies[0]?.text).toContain('will update you by Mon 7 Dec');
    expect(replies[0]?.facts.map((f) => f.kind)).not.toContain('tracking_number');
  });

  it('never quotes an estimate that has passed', () => {
    const rec = record();
    rec.orders = [order('2001', { shipments: [shipment({ estimatedDelivery: NOW - 2 * DAY })] })];
    for (const intent of ['order_status', 'delivery_problem'] as const) {
      const { replies } = draftReplies(input('where is it', { intent, record: rec }));
      expect(replies[0]?.text).not.toContain('Fri 4 Dec');
      expect(replies[0]?.text).toContain('update you by Mon 7 Dec');
    }
  });

  it('promises no day when the record has no delivery estimate, and does not call the parcel late', () => {
    const rec = record();
    rec.orders = [order('2002', { shipments: [shipment({ estimatedDelivery: 0 })] })];
    for (const intent of ['order_status', 'delivery_problem'] as const) {
      const { replies } = draftReplies(input('where is my order #2002', { intent, record: rec }));
      expect(replies.length).toBeGreaterThan(0);
      for (const reply of replies) {
        expect(reply.text).toContain('UPS');
        expect(reply.text).not.toMatch(/expected|should arrive|behind|late/);
        expect(reply.facts.map((fact) => fact.source)).not.toContain('orders[0].shipments[0].estimatedDelivery');
      }
    }
  });

  it('names no place for a scan the record gives none', () => {
    const rec = record();
    const scan = { at: NOW - DAY, status: 'in_transit' as const, location: '', description: 'In transit' };
    rec.orders = [order('2003', { shipments: [shipment({ events: [scan] })] })];
    const { replies } = draftReplies(input('where is my order #2003', { record: rec }));
    expect(replies[0]?.text).toContain('Sat 5 Dec (In transit)');
    expect(replies[0]?.text).not.toMatch(/ in +\(/);
  });

  it('takes the return window and the portal from the policy', () => {
    const rec = record();
    rec.orders = [order('3001', { shipments: [shipment({ status: 'delivered', deliveredAt: NOW - 3 * DAY })] })];
    const base = draftReplies(input('I want to return the kettle', { intent: 'return_exchange', record: rec }));
    expect(base.replies[0]?.text).toContain('until Sat 2 Jan');
    expect(base.replies[0]?.text).toContain('I’ll email you a prepaid return label');
    expect(base.replies[0]?.text).toContain('refund $45.00 to your Visa ending 4242');
    const policy = withPolicy({ returnWindowDays: 14, returnPortalUrl: 'https://returns.shop.example' });
    const custom = draftReplies(
      input('I want to return the kettle', { intent: 'return_exchange', record: rec, policy }),
    );
    expect(custom.replies[0]?.text).toContain('until Thu 17 Dec');
    expect(custom.replies[0]?.text).toContain('https://returns.shop.example');
  });

  it('returns the item the customer names, written without its variant, and names none it would guess', () => {
    const rec = record();
    const lineItems = [
      { sku: 'VST-1', title: 'Basecamp Down Vest, Black / L', quantity: 1, unitPriceCents: 12_900 },
      { sku: 'TEE-1', title: 'Everyday Trail Tee, White / M', quantity: 1, unitPriceCents: 3_200 },
    ];
    const delivered = [shipment({ status: 'delivered', deliveredAt: NOW - 3 * DAY })];
    rec.orders = [order('1793', { lineItems, shipments: delivered })];
    const named = draftReplies(
      input('I’d like to return the Everyday Trail Tee from order #1793, it doesn’t fit', {
        intent: 'return_exchange',
        record: rec,
      }),
    );
    expect(named.replies[0]?.text).toContain('return your Everyday Trail Tee');
    expect(named.replies[0]?.text).not.toContain('Vest');
    const unnamed = draftReplies(
      input('I’d like to return something from order #1793', { intent: 'return_exchange', record: rec }),
    );
    expect(unnamed.replies[0]?.text).toContain('You can return it from order #1793');
    expect(unnamed.replies[0]?.text).not.toMatch(/Vest|Tee/);
  });

  it('quotes a refund in the order’s currency, with its date', () => {
    const rec = record();
    rec.orders = [
      order('4001', {
        currency: 'EUR',
        refunds: [{ id: 'r1', amountCents: 1_999, reason: 'damaged', createdAt: NOW - 2 * DAY }],
      }),
    ];
    const { replies } = draftReplies(input('where is my refund', { intent: 'refund', record: rec, channel: 'sms' }));
    expect(replies[0]?.text).toContain('Hi Maya, we refunded €19.99 for order #4001 on Fri 4 Dec');
    expect(replies[0]?.text.startsWith('Hi Maya, ')).toBe(true);
  });

  it('writes the year of a day over half a year away, so the reply names the right day and passes its check', () => {
    const rec = record();
    rec.orders = [
      order('4002', {
        refunds: [{ id: 'r2', amountCents: 20_900, reason: 'damaged', createdAt: Date.UTC(2025, 0, 2, 16) }],
      }),
    ];
    const { replies } = draftReplies(input('where is my refund', { intent: 'refund', record: rec, channel: 'sms' }));
    expect(replies[0]?.text).toContain('on Thu 2 Jan 2025');
    expect(groundSuggestion(replies[0]?.text ?? '', rec, { now: NOW })).toEqual({ ok: true, problems: [] });
  });

  it('offers a replacement per policy, and a refund only where the policy allows one', () => {
    const both = draftReplies(input('my teapot arrived smashed', { intent: 'damaged_or_wrong_item' }));
    expect(both.replies.map((r) => r.playbook)).toEqual([
      'damaged_or_wrong_item.replace',
      'damaged_or_wrong_item.refund',
    ]);
    expect(both.replies[0]?.text).toContain('Ceramic Teapot from order #1050');
    expect(both.replies[0]?.text).toContain('send a photo');
    const replaceOnly = draftReplies(
      input('you sent me the wrong teapot', {
        intent: 'damaged_or_wrong_item',
        policy: withPolicy({ replacement: 'replace', photoRequiredForDamage: false }),
      }),
    );
    expect(replaceOnly.replies).toHaveLength(1);
    expect(replaceOnly.replies[0]?.text).toContain('the wrong item instead of your Ceramic Teapot');
  });

  it('asks for the order number when the customer has no order', () => {
    const rec = { ...record(), orders: [] };
    const { replies, analysis } = draftReplies(input('where is my stuff', { record: rec, channel: 'whatsapp' }));
    expect(analysis.order).toBeNull();
    expect(replies[0]?.text).toMatch(/^Hi Maya! I can’t find an order/);
    expect(replies[0]?.facts).toEqual([]);
  });
});

describe('the greeting', () => {
  it('names a customer by their first name, and nobody known only by a number, email or handle', () => {
    expect(['Maya Lopez', 'Anne-Marie Roy', 'Seán Ó Dónaill', "O'Brien"].map(firstName)).toEqual([
      'Maya',
      'Anne-Marie',
      'Seán',
      "O'Brien",
    ]);
    expect(['(613) 555-0199', '+16135550199', 'bob@example.com', '@dino', 'shopper12'].map(firstName)).toEqual([
      '',
      '',
      '',
      '',
      '',
    ]);
    const rec = record();
    rec.customer = { ...rec.customer, name: '(613) 555-0199' };
    const { replies } = draftReplies(input('where is my order', { record: rec, channel: 'sms' }));
    expect(replies[0]?.text).toMatch(/^Hi, /);
  });
});
