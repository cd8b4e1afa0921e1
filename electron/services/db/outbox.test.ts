import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import type { Change } from '../../../shared/sync';
import type { Action } from '../../../shared/sync';
import {
  changes,
  conversation,
  customer,
  enqueueReply,
  message,
  messageData,
  unseenWords,
  user,
} from '../testing/fixtures';
import { applyChanges, applyPage } from './changes';
import { getConversation, getConversationSummary, listConversations } from './conversations';
import { storageFullError } from './errors';
import { openCache } from './open';
import type { Db } from './open';
import {
  countPending,
  dismissRejected,
  enqueueAction,
  listPending,
  listRejected,
  markAcked,
  markRejected,
  pruneAcked,
} from './outbox';
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
  applyChanges(db, changes(user('u1'), user('u2'), customer('cu1'), conversation('c1'), message('m1')));
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

const sent = (id: string, overrides: Partial<Message> = {}): Message => ({
  ...pending,
  id,
  status: 'sent',
  ...overrides,
});
const on = { conversationId: 'c1', seenAssigneeId: null };
const ack = (seq: number, extra: { message?: Message } = {}) => ({ seq, message: extra.message ?? null, note: null });

function act(db: Db, id: string, action: Action, createdAt = 6_000): void {
  enqueueAction(db, { id, action, createdAt });
}

const mine = (db: Db) => listConversations(db, { userId: 'u1', userTeamIds: ['t1'], filter: 'mine', limit: 10 });

describe('outbox', () => {
  it('stores the pending message, its entry and its effect on the conversation together', () => {
    const db = seeded();
    expect(listPending(db)).toEqual([
      {
        seq: 1,
        id: 'client-key-1',
        conversationIds: ['c1'],
        action: { type: 'reply', conversationId: 'c1', seenAssigneeId: null, body: 'Your refund is on its way' },
        createdAt: 5_000,
        attempts: 0,
        localId: 'local-k1',
      },
    ]);
    expect(countPending(db)).toBe(1);
    const detail = getConversation(db, 'c1');
    expect(detail.messages.at(-1)).toEqual(pending);
    expect(detail.conversation).toMatchObject({
      lastMessageAt: 5_000,
      lastMessagePreview: 'Your refund is on its way',
      waitingSince: null,
      pendingActions: 1,
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
    markAcked(db, 'client-key-1', ack(0, { message: sent('srv-9') }), 1);
    markRejected(db, 'client-key-2', 'This conversation no longer exists.', 7_000);
    expect(levels).toEqual([NORMAL, FULL, FULL, FULL, FULL]);
    expect(countPending(db)).toBe(0);
    expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
    db.close();
  });

  it('an ack replaces the local message with the server one, and the action waits for its change', () => {
    const db = seeded();
    markAcked(db, 'client-key-1', ack(50, { message: sent('srv-9') }), 1);
    expect(listPending(db)).toEqual([]);
    expect(getConversation(db, 'c1').messages.map((m) => [m.id, m.status])).toEqual([
      ['m1', 'received'],
      ['srv-9', 'sent'],
    ]);
    expect(searchMessages(db, 'refund', 5).map((h) => h.messageId)).toEqual(['srv-9']);
    // Until the server's conversation change (seq 50) is pulled, the view keeps the reply's effect.
    expect(getConversationSummary(db, 'c1')).toMatchObject({ lastMessagePreview: 'Your refund is on its way' });
    expect(db.prepare('SELECT state, ack_seq FROM outbox').get()).toEqual({ state: 'acked', ack_seq: 50 });
    pruneAcked(db, 49);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    pruneAcked(db, 50);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    db.close();
  });

  it('the server copy arriving by pull before the ack settles the action (the ack may be lost)', () => {
    const db = seeded();
    const [stored] = changes(message('srv-9', sent('srv-9')));
    if (!stored) throw new Error('no change');
    applyPage(db, [{ ...stored, actionId: 'client-key-1' }], stored.seq);
    expect(listPending(db)).toEqual([]);
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1', 'srv-9']);
    // The late ack is harmless.
    markAcked(db, 'client-key-1', ack(stored.seq, { message: sent('srv-9') }), 1);
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1', 'srv-9']);
    db.close();
  });

  it('a refused reply stays in the thread marked failed, listed with the reason until dismissed', () => {
    const db = seeded();
    expect(markRejected(db, 'client-key-1', 'This conversation no longer exists.', 7_000)?.id).toBe('client-key-1');
    expect(listPending(db)).toEqual([]);
    expect(getConversation(db, 'c1').messages.at(-1)?.status).toBe('failed');
    // The preview the reply set is undone.
    expect(getConversationSummary(db, 'c1')).toMatchObject({ lastMessagePreview: 'Hello', pendingActions: 0 });
    expect(listRejected(db).map((r) => [r.id, r.reason, r.rejectedAt])).toEqual([
      ['client-key-1', 'This conversation no longer exists.', 7_000],
    ]);
    expect(dismissRejected(db, 'client-key-1')).toEqual(['c1']);
    expect(listRejected(db)).toEqual([]);
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1']);
    db.close();
  });

  it('shows pending actions at once, on top of whatever the server sends meanwhile', () => {
    const db = seeded();
    act(db, 'a-assign', { type: 'assign', ...on, assigneeId: 'u1' });
    act(db, 'a-tag', { type: 'tag', ...on, tag: 'vip', on: true });
    act(db, 'a-resolve', { type: 'status', ...on, status: 'closed' });
    expect(getConversationSummary(db, 'c1')).toMatchObject({
      assigneeId: 'u1',
      tags: ['vip'],
      status: 'closed',
      pendingActions: 4,
    });
    expect(mine(db).total).toBe(1);

    // Someone else tags it on the server: our actions stay on top of their change.
    applyChanges(db, changes(conversation('c1', { tags: ['damaged'], lastMessagePreview: 'Hello' })));
    expect(getConversationSummary(db, 'c1')).toMatchObject({
      assigneeId: 'u1',
      tags: ['damaged', 'vip'],
      status: 'closed',
      lastMessagePreview: 'Your refund is on its way',
    });

    // The server refuses the assignment: undone, the rest stays.
    markRejected(db, 'a-assign', 'This conversation was reassigned to User u2.', 8_000);
    expect(getConversationSummary(db, 'c1')).toMatchObject({ assigneeId: null, tags: ['damaged', 'vip'] });
    expect(mine(db).total).toBe(0);
    db.close();
  });

  it('the server’s order wins: a later change by someone else replaces an acked action', () => {
    const db = seeded();
    act(db, 'a-assign', { type: 'assign', ...on, assigneeId: 'u1' });
    markAcked(db, 'a-assign', ack(100), 1);
    expect(getConversationSummary(db, 'c1')).toMatchObject({ assigneeId: 'u1' });
    // The page holds our change (100) and a lead's reassignment after it (101).
    applyPage(
      db,
      [
        {
          seq: 100,
          actionId: 'a-assign',
          kind: 'conversation',
          data: { ...conversation('c1').data, assigneeId: 'u1' },
        },
        { seq: 101, actionId: 'lead-1', kind: 'conversation', data: { ...conversation('c1').data, assigneeId: 'u2' } },
      ] as Change[],
      101,
    );
    expect(getConversationSummary(db, 'c1')).toMatchObject({ assigneeId: 'u2' });
    pruneAcked(db, 101);
    expect(db.prepare("SELECT id FROM outbox WHERE state <> 'pending'").all()).toEqual([]);
    expect(getConversationSummary(db, 'c1')).toMatchObject({ assigneeId: 'u2' });
    // The totals follow the view, not the outbox.
    expect(listConversations(db, { userId: 'u2', userTeamIds: ['t1'], filter: 'mine', limit: 10 }).total).toBe(1);
    expect(mine(db).total).toBe(0);
    db.close();
  });

  it('a pending note shows in the thread, gives way to the server’s, and goes when refused', () => {
    const db = seeded();
    const note = {
      id: 'local-n1',
      conversationId: 'c1',
      authorId: 'u1',
      body: 'Called UPS',
      createdAt: 6_000,
      clientId: 'n1',
    };
    enqueueAction(db, {
      id: 'n1',
      action: { type: 'note', ...on, body: 'Called UPS' },
      createdAt: 6_000,
      local: { note },
    });
    expect(getConversation(db, 'c1').notes).toEqual([{ ...note, pending: true }]);
    markAcked(db, 'n1', { seq: 0, message: null, note: { ...note, id: 'srv-n1' } }, 1);
    expect(getConversation(db, 'c1').notes).toEqual([{ ...note, id: 'srv-n1', pending: false }]);

    const second = { ...note, id: 'local-n2', clientId: 'n2' };
    enqueueAction(db, {
      id: 'n2',
      action: { type: 'note', ...on, body: 'x' },
      createdAt: 6_000,
      local: { note: second },
    });
    markRejected(db, 'n2', 'gone', 7_000);
    expect(getConversation(db, 'c1').notes.map((n) => n.id)).toEqual(['srv-n1']);
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
    expect(listPending(db).map((e) => e.id)).toEqual(['client-key-1']);
    expect(db.prepare('SELECT count(*) AS n FROM messages WHERE id = ?').get('local-k2')).toEqual({ n: 0 });
    expect(searchMessages(db, 'w1q', 5)).toEqual([]);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);

    release();
    enqueueReply(db, reply);
    expect(listPending(db).map((e) => e.id)).toEqual(['client-key-1', 'client-key-2']);
    expect(searchMessages(db, 'w1q', 5).map((h) => h.messageId)).toEqual(['local-k2']);
    db.close();
  });
});
