import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { changes, conversation, customer, message, messageData } from '../testing/fixtures';
import { applyChanges } from './changes';
import { getConversation } from './conversations';
import { openCache } from './open';
import { countPending, enqueueReply, listPending, markFailed, markSent } from './outbox';
import { searchMessages } from './search';

const pending: Message = messageData('local-k1', {
  direction: 'outbound',
  authorId: 'u1',
  body: 'Your refund is on its way',
  createdAt: 5_000,
  status: 'pending',
  clientId: 'client-key-1',
});

function seeded() {
  const db = openCache(':memory:');
  applyChanges(db, changes(customer('cu1'), conversation('c1'), message('m1')));
  enqueueReply(db, pending);
  return db;
}

describe('outbox', () => {
  it('stores the pending message and its entry together', () => {
    const db = seeded();
    expect(listPending(db)).toEqual([
      {
        clientId: 'client-key-1',
        messageId: 'local-k1',
        conversationId: 'c1',
        body: 'Your refund is on its way',
        createdAt: 5_000,
        attempts: 0,
      },
    ]);
    expect(countPending(db)).toBe(1);
    const detail = getConversation(db, 'c1');
    expect(detail.messages.at(-1)).toEqual(pending);
    expect(detail.conversation).toMatchObject({
      lastMessageAt: 5_000,
      lastMessagePreview: 'Your refund is on its way',
      waitingSince: null,
    });
    expect(searchMessages(db, 'refund', 5).map((h) => h.messageId)).toEqual(['local-k1']);
    // Durability is restored to NORMAL after the FULL write.
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });

  it('markSent replaces the local message with the server one', () => {
    const db = seeded();
    const server: Message = { ...pending, id: 'srv-9', status: 'sent' };
    markSent(db, 'client-key-1', server);
    expect(listPending(db)).toEqual([]);
    expect(getConversation(db, 'c1').messages.map((m) => [m.id, m.status])).toEqual([
      ['m1', 'received'],
      ['srv-9', 'sent'],
    ]);
    expect(searchMessages(db, 'refund', 5).map((h) => h.messageId)).toEqual(['srv-9']);
    db.close();
  });

  it('the server copy arriving by pull before the ack also settles the entry', () => {
    const db = seeded();
    applyChanges(db, changes(message('srv-9', { ...pending, id: 'srv-9', status: 'sent' })));
    expect(listPending(db)).toEqual([]);
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1', 'srv-9']);
    // The late ack is harmless.
    markSent(db, 'client-key-1', { ...pending, id: 'srv-9', status: 'sent' });
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1', 'srv-9']);
    db.close();
  });

  it('markFailed keeps the reply, marked failed, out of the pending list', () => {
    const db = seeded();
    markFailed(db, 'client-key-1', 'This conversation no longer exists.');
    expect(listPending(db)).toEqual([]);
    expect(getConversation(db, 'c1').messages.at(-1)?.status).toBe('failed');
    expect(db.prepare('SELECT state, last_error FROM outbox').get()).toEqual({
      state: 'failed',
      last_error: 'This conversation no longer exists.',
    });
    db.close();
  });
});
