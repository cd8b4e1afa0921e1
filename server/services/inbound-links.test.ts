import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeam } from '../db/accounts';
import { getConversation } from '../db/conversations';
import { findIdentity, insertCustomer, upsertOrder } from '../db/customers';
import type { Database } from '../db/sql';
import { testBackends, testOrder } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { receiveInbound } from './inbound';
import type { InboundRequest } from './inbound';

const NOW = 1_800_000_000_000;
const TRACKING = '1Z999AA10123456784';

describe.each(testBackends)('inbound suggests the customer a message names on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let at = NOW;
  let sender = 0;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await db.transaction(async (tx) => {
      // Known only to the records: no conversation in any team.
      await insertCustomer(tx, {
        id: 'maria',
        name: 'Maria Ruiz',
        email: 'maria@example.com',
        createdAt: NOW,
        identities: [],
      });
      await insertCustomer(tx, {
        id: 'joe',
        name: 'Joe Park',
        email: 'joe@example.com',
        createdAt: NOW,
        identities: [],
      });
    });
    await upsertOrder(db, testOrder({ id: 'o-1042', customerId: 'maria', number: '#1042' }, NOW, TRACKING), NOW);
    await upsertOrder(db, testOrder({ id: 'o-2001', customerId: 'joe', number: '#2001' }, NOW), NOW);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  // Every test writes from an X account seen for the first time.
  let from = '';
  beforeEach(() => {
    from = `${9_000_000 + ++sender}`;
  });

  const tweet = (body: string, autoLinkConfidence?: number) =>
    receiveInbound(
      db,
      { channel: 'x', from, handle: `@shopper${sender}`, body } satisfies InboundRequest,
      (at += 1000),
      undefined,
      undefined,
      { autoLinkConfidence },
    );

  async function conversationOf(conversationId: string) {
    const conversation = await getConversation(db, conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} missing`);
    return conversation;
  }

  it('a tweet from an unknown account naming an order suggests the order’s customer with the evidence', async () => {
    const received = await tweet('where is my order #1042?? been a week');
    const conversation = await conversationOf(received.conversationId);
    expect(conversation.customerId).not.toBe('maria');
    expect(conversation.linkSuggestions).toEqual([
      {
        customerId: 'maria',
        customerName: 'Maria Ruiz',
        confidence: 0.7,
        evidence: [{ kind: 'order', value: '#1042', messageId: received.message.id }],
        state: 'open',
        suggestedAt: at,
      },
    ]);
    // One piece of evidence is not enough to link on its own.
    expect((await findIdentity(db, { kind: 'x', value: from }))?.customerId).toBe(conversation.customerId);
  });

  it('finds tracking numbers, emails and phones, and adds later evidence to the same suggestion', async () => {
    const first = await tweet(`my parcel ${TRACKING} hasn't moved`);
    const second = await tweet('it was sent to MARIA@example.com');
    expect(second.conversationId).toBe(first.conversationId);
    const [suggestion] = (await conversationOf(first.conversationId)).linkSuggestions ?? [];
    expect(suggestion?.evidence).toEqual([
      { kind: 'tracking', value: TRACKING, messageId: first.message.id },
      { kind: 'email', value: 'maria@example.com', messageId: second.message.id },
    ]);
    expect(suggestion?.confidence).toBe(0.94);
  });

  it('links a new sender at once on strong evidence, recording why', async () => {
    const received = await tweet('Order #1042, account maria@example.com — the zip broke');
    const conversation = await conversationOf(received.conversationId);
    expect(conversation.customerId).toBe('maria');
    expect(conversation.linkSuggestions).toBeUndefined();
    const identity = await findIdentity(db, { kind: 'x', value: from });
    expect(identity).toMatchObject({ customerId: 'maria', linkedBy: 'system', linkedAt: at });
    expect(identity?.evidence).toContain('named email maria@example.com, order #1042 (confidence 0.94');
  });

  it('suggests instead of linking when automatic linking is off or two customers are named', async () => {
    const off = await tweet('Order #1042, account maria@example.com', Number.POSITIVE_INFINITY);
    expect((await conversationOf(off.conversationId)).linkSuggestions?.map((s) => [s.customerId, s.state])).toEqual([
      ['maria', 'open'],
    ]);
    from = `${9_000_000 + ++sender}`;
    const two = await tweet('orders #1042 and #2001, emails maria@example.com joe@example.com');
    const conversation = await conversationOf(two.conversationId);
    expect(conversation.customerId).not.toBe('maria');
    expect(conversation.customerId).not.toBe('joe');
    expect(conversation.linkSuggestions?.map((s) => s.customerId).sort()).toEqual(['joe', 'maria']);
  });

  it('never suggests the conversation’s own customer, nor records that do not exist', async () => {
    const linked = await tweet('Order #1042, account maria@example.com');
    const again = await tweet('any news on #1042?');
    expect((await conversationOf(again.conversationId)).customerId).toBe('maria');
    expect((await conversationOf(linked.conversationId)).linkSuggestions).toBeUndefined();
    from = `${9_000_000 + ++sender}`;
    const unknown = await tweet('where is order #9999, tracking 1Z999AA10000000000, me@nowhere.example');
    expect((await conversationOf(unknown.conversationId)).linkSuggestions).toBeUndefined();
  });

  it('keeps a rejected suggestion rejected when the evidence comes again', async () => {
    const received = await tweet('order #2001 please');
    await db.query(
      `update conversations set link_suggestions = jsonb_set(link_suggestions, '{0,state}', '"rejected"') where id = $1`,
      [received.conversationId],
    );
    await tweet('I said #2001, and my email is joe@example.com');
    const [suggestion] = (await conversationOf(received.conversationId)).linkSuggestions ?? [];
    expect(suggestion).toMatchObject({ customerId: 'joe', state: 'rejected', confidence: 0.94 });
  });
});
