import { describe, expect, it } from 'vitest';
import { Conversation, Customer, Message, Order, Team, User } from '../../shared/domain/entities';
import { kindsForChannel, normalizePhone } from '../../shared/domain/identity';
import { DEMO_TEAMS, generateDemo } from './generate';

const NOW = Date.UTC(2025, 5, 15, 12);
const data = generateDemo({ seed: 42, conversations: 500, now: NOW });

describe('demo organisation', () => {
  it('is identical for the same seed and different for another', () => {
    expect(generateDemo({ seed: 42, conversations: 500, now: NOW })).toEqual(data);
    expect(generateDemo({ seed: 43, conversations: 500, now: NOW }).customers[0]).not.toEqual(data.customers[0]);
  });

  it('matches the entity contracts', () => {
    for (const team of data.teams) Team.parse(team);
    for (const user of data.users) User.parse(user);
    for (const customer of data.customers) Customer.parse(customer);
    for (const order of data.orders) Order.parse(order);
    for (const conversation of data.conversations) Conversation.parse(conversation);
    for (const message of data.messages) Message.parse(message);
  });

  it('has three teams, twelve reps, two leads and an admin', () => {
    expect(data.teams.map((t) => t.name)).toEqual(['Orders & Delivery', 'Returns & Refunds', 'Billing & Accounts']);
    expect(data.users.map((u) => u.email)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `rep${String(i + 1).padStart(2, '0')}@northwind.example`),
      'lead01@northwind.example',
      'lead02@northwind.example',
      'admin@northwind.example',
    ]);
    for (const user of data.users.filter((u) => u.role !== 'rep')) expect(user.teamIds).toHaveLength(3);
    for (const user of data.users.filter((u) => u.role === 'rep'))
      expect(user.teamIds.length).toBeGreaterThanOrEqual(1);
  });

  it('splits conversations roughly 50/30/20 and rep01 sees at least 200', () => {
    expect(data.conversations).toHaveLength(500);
    const share = (teamId: string) => data.conversations.filter((c) => c.teamId === teamId).length / 500;
    expect(share(DEMO_TEAMS.orders.id)).toBeGreaterThan(0.4);
    expect(share(DEMO_TEAMS.orders.id)).toBeLessThan(0.6);
    expect(share(DEMO_TEAMS.returns.id)).toBeGreaterThan(0.2);
    expect(share(DEMO_TEAMS.billing.id)).toBeGreaterThan(0.12);
    const rep01 = data.users.find((u) => u.email === 'rep01@northwind.example');
    expect(data.conversations.filter((c) => rep01?.teamIds.includes(c.teamId)).length).toBeGreaterThanOrEqual(200);
  });

  it('assigns about 70% to reps of the conversation’s team and keeps the rest unassigned', () => {
    const unassigned = data.conversations.filter((c) => c.assigneeId === null).length / 500;
    expect(unassigned).toBeGreaterThan(0.2);
    expect(unassigned).toBeLessThan(0.4);
    const users = new Map(data.users.map((u) => [u.id, u]));
    for (const c of data.conversations.filter((c) => c.assigneeId !== null)) {
      expect(users.get(c.assigneeId ?? '')?.teamIds).toContain(c.teamId);
    }
    const statuses = new Set(data.conversations.map((c) => c.status));
    expect(statuses).toEqual(new Set(['open', 'pending', 'closed', 'snoozed']));
    expect(data.conversations.filter((c) => c.status === 'open').length).toBeGreaterThan(250);
  });

  it('joins every conversation, message and order to records that exist', () => {
    const customers = new Map(data.customers.map((c) => [c.id, c]));
    const conversations = new Map(data.conversations.map((c) => [c.id, c]));
    for (const c of data.conversations) expect(customers.has(c.customerId)).toBe(true);
    for (const o of data.orders) expect(customers.has(o.customerId)).toBe(true);
    for (const m of data.messages) expect(conversations.has(m.conversationId)).toBe(true);
    expect(new Set(data.orders.map((o) => o.number)).size).toBe(data.orders.length);
  });

  it('mentions only order numbers that belong to the conversation’s customer', () => {
    const conversations = new Map(data.conversations.map((c) => [c.id, c]));
    const numbersOf = new Map<string, Set<string>>();
    for (const order of data.orders) {
      const set = numbersOf.get(order.customerId) ?? new Set<string>();
      set.add(order.number);
      numbersOf.set(order.customerId, set);
    }
    let mentions = 0;
    for (const message of data.messages) {
      const customerId = conversations.get(message.conversationId)?.customerId ?? '';
      for (const number of message.body.match(/#\d+/g) ?? []) {
        mentions++;
        expect(numbersOf.get(customerId)?.has(number)).toBe(true);
      }
    }
    expect(mentions).toBeGreaterThan(500);
  });

  it('keeps conversation facts consistent with their messages', () => {
    const byConversation = new Map<string, Message[]>();
    for (const m of data.messages)
      byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
    for (const c of data.conversations) {
      const messages = byConversation.get(c.id) ?? [];
      expect(messages.length).toBeGreaterThan(0);
      const last = messages[messages.length - 1];
      expect(c.lastMessageAt).toBe(last?.createdAt);
      expect(c.lastMessageAt).toBeLessThan(NOW);
      expect(c.lastMessageAt).toBeGreaterThan(NOW - 5 * 24 * 3600 * 1000);
      expect(c.waitingSince !== null).toBe(last?.direction === 'inbound');
      if (c.assigneeId === null) expect(messages.every((m) => m.direction === 'inbound')).toBe(true);
      for (const m of messages.filter((m) => m.direction === 'outbound')) expect(m.authorId).toBe(c.assigneeId);
      const customer = data.customers.find((x) => x.id === c.customerId);
      for (const channel of new Set(messages.map((m) => m.channel)))
        expect(
          customer?.identities.some((i) => i.kind !== undefined && kindsForChannel(channel).includes(i.kind)),
        ).toBe(true);
    }
    const spanning = data.conversations.filter(
      (c) => new Set((byConversation.get(c.id) ?? []).map((m) => m.channel)).size > 1,
    );
    expect(spanning.length).toBeGreaterThan(0);
  });

  it('stores normalised, unique identities with mixed display formats', () => {
    const seen = new Set<string>();
    const displays: string[] = [];
    for (const customer of data.customers) {
      for (const identity of customer.identities) {
        const key = `${identity.kind}:${identity.value}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        expect(identity).toMatchObject({ linkedBy: 'import', linkedAt: customer.createdAt });
        if (identity.kind === 'phone') {
          expect(identity.value).toMatch(/^\+(1|44)\d{10}$/);
          displays.push(identity.display);
          const home = identity.value.startsWith('+44') ? 'GB' : 'US';
          expect(normalizePhone(identity.display, home)).toBe(identity.value);
        }
        // Social accounts are known by the provider's id, the handle only shown.
        if (identity.kind === 'x' || identity.kind === 'messenger' || identity.kind === 'instagram')
          expect(identity.value).toMatch(/^\d{16,19}$/);
      }
    }
    expect(displays.some((d) => /^\(\d{3}\) \d{3}-\d{4}$/.test(d))).toBe(true);
    expect(displays.some((d) => /^\+1 \d{3} \d{3} \d{4}$/.test(d))).toBe(true);
    expect(displays.some((d) => d.startsWith('+44 '))).toBe(true);
    expect(displays.some((d) => /^0\d/.test(d))).toBe(true);
    const kinds = new Set(data.customers.flatMap((c) => c.identities.map((i) => i.kind)));
    expect(kinds).toEqual(new Set(['phone', 'x', 'messenger', 'instagram', 'email']));
    // Every customer's email is one of their identities.
    for (const customer of data.customers)
      if (customer.email !== null)
        expect(customer.identities.some((i) => i.kind === 'email' && i.value === customer.email)).toBe(true);
  });

  it('has customers only the records know: orders, an email, and no conversation', () => {
    const writers = new Set(data.conversations.map((c) => c.customerId));
    const recordsOnly = data.customers.filter((customer) => !writers.has(customer.id));
    expect(recordsOnly).toHaveLength(50);
    for (const customer of recordsOnly) {
      expect(customer.identities.some((i) => i.kind === 'email')).toBe(true);
      expect(data.orders.filter((o) => o.customerId === customer.id).length).toBeGreaterThan(0);
    }
  });

  it('has UK and US customers who write from one number on SMS and on WhatsApp', () => {
    const customerById = new Map(data.customers.map((c) => [c.id, c]));
    const both = data.customers.filter((customer) => {
      const channels = new Set(data.conversations.filter((c) => c.customerId === customer.id).map((c) => c.channel));
      return channels.has('sms') && channels.has('whatsapp');
    });
    expect(both.length).toBeGreaterThan(0);
    for (const customer of both)
      expect(customerById.get(customer.id)?.identities.filter((i) => i.kind === 'phone')).toHaveLength(1);
    const phones = data.customers.flatMap((c) => c.identities.filter((i) => i.kind === 'phone').map((i) => i.value));
    expect(phones.some((p) => p.startsWith('+44'))).toBe(true);
    expect(phones.some((p) => p.startsWith('+1'))).toBe(true);
  });

  it('builds orders with real carriers, tracking, returns and refunds', () => {
    const carriers = new Set(data.orders.flatMap((o) => o.shipments.map((s) => s.carrier)));
    expect(carriers).toEqual(new Set(['UPS', 'FedEx', 'USPS', 'DHL', 'Royal Mail']));
    for (const order of data.orders) {
      expect(order.totalCents).toBe(order.subtotalCents + order.shippingCents + order.taxCents);
      expect(order.subtotalCents).toBe(order.lineItems.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0));
      for (const shipment of order.shipments) {
        expect(shipment.trackingUrl).toContain(shipment.trackingNumber);
        expect(shipment.events.length).toBeGreaterThan(0);
        if (shipment.carrier === 'UPS') expect(shipment.trackingNumber).toMatch(/^1Z[0-9A-Z]{16}$/);
      }
    }
    expect(data.orders.some((o) => o.returns.length > 0)).toBe(true);
    expect(data.orders.some((o) => o.refunds.length > 0)).toBe(true);
    expect(data.orders.some((o) => o.shipments.some((s) => s.status === 'exception'))).toBe(true);
  });

  it('refuses sizes outside 0..100000', () => {
    expect(() => generateDemo({ conversations: 100_001, now: NOW })).toThrow(RangeError);
    expect(generateDemo({ conversations: 0, now: NOW }).conversations).toEqual([]);
  });
});
