import { describe, expect, it } from 'vitest';
import { suggest } from '../../shared/suggest';
import { triage } from '../../shared/triage';
import { generateDemo } from './generate';

const NOW = Date.UTC(2025, 5, 15, 12);

describe('suggestions on the demo organisation', () => {
  it('every suggestion for every conversation’s latest inbound message passes the grounding check', () => {
    const data = generateDemo({ seed: 7, conversations: 300, now: NOW });
    const customers = new Map(data.customers.map((c) => [c.id, c]));
    let checked = 0;
    for (const conversation of data.conversations) {
      const latest = data.messages
        .filter((m) => m.conversationId === conversation.id && m.direction === 'inbound')
        .sort((a, b) => a.createdAt - b.createdAt)
        .at(-1);
      const customer = customers.get(conversation.customerId);
      if (!latest || !customer) continue;
      const read = triage(latest.body);
      const { suggestions } = suggest({
        text: latest.body,
        channel: conversation.channel,
        intent: read.intent,
        sentiment: read.sentiment,
        record: { customer, orders: data.orders.filter((o) => o.customerId === customer.id) },
        now: NOW,
      });
      expect(suggestions.length).toBeGreaterThan(0);
      for (const s of suggestions) {
        expect({ conversation: conversation.id, text: s.text, problems: s.problems }).toEqual({
          conversation: conversation.id,
          text: s.text,
          problems: [],
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
