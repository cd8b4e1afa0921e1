import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { changes, conversation, customer, message, messageData, unseenWords } from '../testing/fixtures';
import { applyChanges } from './changes';
import { getConversation } from './conversations';
import { storageFullError } from './errors';
import { openCache } from './open';
import type { Db } from './open';
import { countPending, enqueueReply, listPending, markFailed, markSent } from './outbox';
import { searchMessages } from './search';
import { fillCache } from './testing';

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

const FULL = 2;
const NORMAL = 1;

/**
 * The synchronous level in effect as each outermost transaction committed: read right after
 * the commit returns, before anything else can run. (SQLite applies the level at commit.)
 */
function synchronousAtCommits(db: Db): number[] {
  const levels: number[] = [];
  const original = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const transaction = original(fn);
    const wrapped = (...args: never[]) => {
      const outermost = !db.inTransaction;
      const result = transaction(...args);
      if (outermost) levels.push(db.pragma('synchronous', { simple: true }) as number);
      return result;
    };
    return Object.assign(wrapped, transaction);
  }) as Db['transaction'];
  return levels;
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
    expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
    db.close();
  });

  it('commits every outbox write with synchronous=FULL, and the synced data with NORMAL', () => {
    const db = openCache(':memory:');
    const levels = synchronousAtCommits(db);
    applyChanges(db, changes(customer('cu1'), conversation('c1'), message('m1')));
    expect(levels).toEqual([NORMAL]);

    enqueueReply(db, pending);
    enqueueReply(db, { ...pending, id: 'local-k2', clientId: 'client-key-2' });
    markSent(db, 'client-key-1', { ...pending, id: 'srv-9', status: 'sent' });
    markFailed(db, 'client-key-2', 'This conversation no longer exists.');
    expect(levels).toEqual([NORMAL, FULL, FULL, FULL, FULL]);
    expect(countPending(db)).toBe(0);
    expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
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

describe('outbox on a full disk', () => {
  it('leaves neither a half-written message nor an outbox entry', () => {
    const db = seeded();
    const before = getConversation(db, 'c1');
    // Records every messages row ever inserted, even ones a rollback takes back.
    const inserted: string[] = [];
    db.function('note_message_insert', (id: unknown) => {
      inserted.push(String(id));
      return null;
    });
    db.exec(
      'CREATE TEMP TRIGGER note_message AFTER INSERT ON main.messages BEGIN SELECT note_message_insert(NEW.id); END',
    );
    const release = fillCache(db);
    const reply: Message = { ...pending, id: 'local-k2', clientId: 'client-key-2', body: unseenWords(500) };

    let thrown: unknown = null;
    try {
      enqueueReply(db, reply);
    } catch (error) {
      thrown = error;
    }
    expect(storageFullError(thrown, db)?.code).toBe('storage_full');
    // The message row was written before the search index ran out of space: the failure hit
    // the middle of the transaction, and the transaction took the row back.
    expect(inserted).toEqual(['local-k2']);
    expect(db.inTransaction).toBe(false);
    expect(getConversation(db, 'c1')).toEqual(before);
    expect(listPending(db).map((e) => e.clientId)).toEqual(['client-key-1']);
    expect(db.prepare('SELECT count(*) AS n FROM messages WHERE id = ?').get('local-k2')).toEqual({ n: 0 });
    expect(searchMessages(db, 'w1q', 5)).toEqual([]);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);

    release();
    enqueueReply(db, reply);
    expect(listPending(db).map((e) => e.clientId)).toEqual(['client-key-1', 'client-key-2']);
    expect(searchMessages(db, 'w1q', 5).map((h) => h.messageId)).toEqual(['local-k2']);
    db.close();
  });
});
