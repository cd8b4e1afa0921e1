import { describe, expect, it } from 'vitest';
import type { Shipment } from '../../../shared/domain';
import { changes, conversation, customer, message, order, team, user } from '../testing/fixtures';
import { applyChanges } from './changes';
import { listConversations } from './conversations';
import type { ListQuery } from './conversations';
import { openCache } from './open';
import type { Db } from './open';
import { queueLatenessChanges, triageBacklog, triageQueued, urgencyOf } from './triage';

const NOW = 10_000_000;
const ANGRY = 'This is ridiculous. My parcel is a week late and nobody answers. Where is it?!';
const CALM_ADDRESS = 'Hi, could I change the delivery address on my order please?';
const ANGRY_REFUND = 'I want a refund, the jacket arrived torn. Terrible.';

/** A shipment whose estimate has passed without a delivery (late), or one still on time. */
function shipment(late: boolean): Shipment {
  return {
    id: `s-${String(late)}`,
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    status: 'in_transit',
    shippedAt: NOW - 10 * 86_400_000,
    estimatedDelivery: late ? NOW - 86_400_000 : NOW + 86_400_000,
    deliveredAt: null,
    events: [],
  };
}

/**
 * Four waiting conversations, oldest wait first: calm (address), angry with a late order, angry
 * about a refund (order on time), and one with no inbound message at all.
 */
function seeded(): Db {
  const db = openCache(':memory:');
  const waiting = (i: number) => ({ teamId: 't1', status: 'open' as const, waitingSince: NOW - 100_000 + i });
  applyChanges(
    db,
    changes(
      team('t1'),
      user('u1', { teamIds: ['t1'] }),
      customer('calm'),
      customer('late'),
      customer('refund'),
      order('o-late', { customerId: 'late', shipments: [shipment(true)] }),
      order('o-ok', { customerId: 'refund', shipments: [shipment(false)] }),
      conversation('c-calm', { ...waiting(1), customerId: 'calm' }),
      message('m1', { conversationId: 'c-calm', body: CALM_ADDRESS }),
      conversation('c-late', { ...waiting(2), customerId: 'late' }),
      message('m2', { conversationId: 'c-late', body: 'Hello' }),
      message('m3', { conversationId: 'c-late', body: ANGRY, createdAt: 3_000 }),
      conversation('c-refund', { ...waiting(3), customerId: 'refund' }),
      message('m4', { conversationId: 'c-refund', body: ANGRY_REFUND }),
      conversation('c-none', { ...waiting(4), customerId: 'calm' }),
      message('m5', { conversationId: 'c-none', direction: 'outbound', authorId: 'u1', body: 'We are on it.' }),
    ),
  );
  return db;
}

const base: ListQuery = { userId: 'u1', userTeamIds: ['t1'], filter: 'all', limit: 50 };
const list = (db: Db, query: Partial<ListQuery>) => listConversations(db, { ...base, ...query });

describe('inbox triage', () => {
  it('queues every conversation that received an inbound message, and reads each latest one once', () => {
    const db = seeded();
    expect(triageBacklog(db)).toBe(3);
    expect(list(db, {}).items.every((c) => c.intent === null && c.sentiment === null && c.urgency === 0)).toBe(true);
    expect(triageQueued(db, NOW).sort()).toEqual(['c-calm', 'c-late', 'c-refund']);
    expect(triageBacklog(db)).toBe(0);
    expect(triageQueued(db, NOW)).toEqual([]);
    const byId = Object.fromEntries(list(db, {}).items.map((c) => [c.id, c]));
    expect(byId['c-late']).toMatchObject({ intent: 'delivery_problem', sentiment: 'negative', urgency: 3 });
    expect(byId['c-refund']).toMatchObject({ intent: 'refund', sentiment: 'negative', urgency: 2 });
    expect(byId['c-calm']).toMatchObject({ intent: 'change_delivery', sentiment: 'neutral', urgency: 0 });
    expect(byId['c-none']).toMatchObject({ intent: null, sentiment: null, urgency: 0 });
    db.close();
  });

  it('puts the angry customer with a late order first in the most urgent order, then by wait', () => {
    const db = seeded();
    triageQueued(db, NOW);
    expect(list(db, { sort: 'waiting' }).items.map((c) => c.id)).toEqual(['c-calm', 'c-late', 'c-refund', 'c-none']);
    expect(list(db, { sort: 'urgent' }).items.map((c) => c.id)).toEqual(['c-late', 'c-refund', 'c-calm', 'c-none']);
    // Paging walks the urgency levels without losing or repeating one.
    const first = list(db, { sort: 'urgent', limit: 2 });
    const second = list(db, { sort: 'urgent', limit: 2, cursor: first.nextCursor ?? undefined });
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(['c-late', 'c-refund', 'c-calm', 'c-none']);
    expect(second.nextCursor).toBeNull();
    db.close();
  });

  it('filters by intent and by sentiment, counting what matches', () => {
    const db = seeded();
    triageQueued(db, NOW);
    const negative = list(db, { sentiment: 'negative', sort: 'urgent' });
    expect(negative.items.map((c) => c.id)).toEqual(['c-late', 'c-refund']);
    expect(negative.total).toBe(2);
    const refunds = list(db, { intent: 'refund', filter: 'team' });
    expect(refunds.items.map((c) => c.id)).toEqual(['c-refund']);
    expect(refunds.total).toBe(1);
    expect(list(db, { intent: 'praise' })).toMatchObject({ items: [], total: 0 });
    db.close();
  });

  it('reads a conversation again when a newer inbound message arrives', () => {
    const db = seeded();
    triageQueued(db, NOW);
    applyChanges(db, changes(message('m6', { conversationId: 'c-calm', body: ANGRY_REFUND, createdAt: 9_000 })));
    expect(triageQueued(db, NOW)).toEqual(['c-calm']);
    expect(
      list(db, { intent: 'refund' })
        .items.map((c) => c.id)
        .sort(),
    ).toEqual(['c-calm', 'c-refund']);
    db.close();
  });

  it('raises a waiting conversation once its order becomes late, and lowers it once the order is delivered', () => {
    const db = seeded();
    triageQueued(db, NOW);
    const urgency = (id: string) =>
      (db.prepare('SELECT urgency FROM conversations WHERE id = ?').get(id) as { urgency: number }).urgency;
    // c-refund: an angry customer whose order is due tomorrow.
    expect(urgency('c-refund')).toBe(2);
    expect(queueLatenessChanges(db, NOW)).toBe(0);
    // Two days on, the estimate has passed without a delivery: only c-refund changes.
    const later = NOW + 2 * 86_400_000;
    expect(queueLatenessChanges(db, later)).toBe(1);
    expect(triageQueued(db, later)).toEqual(['c-refund']);
    expect(urgency('c-refund')).toBe(3);
    expect(queueLatenessChanges(db, later)).toBe(0);
    // The order arrives (a synced order change): its customer's open conversations are triaged again.
    const delivered = { ...shipment(false), status: 'delivered' as const, deliveredAt: later };
    applyChanges(db, changes(order('o-ok', { customerId: 'refund', shipments: [delivered] })));
    expect(triageQueued(db, later)).toEqual(['c-refund']);
    expect(urgency('c-refund')).toBe(2);
    db.close();
  });

  it('scores urgency from sentiment and lateness', () => {
    expect(urgencyOf('negative', true)).toBe(3);
    expect(urgencyOf('negative', false)).toBe(2);
    expect(urgencyOf('neutral', true)).toBe(1);
    expect(urgencyOf('positive', false)).toBe(0);
  });
});
