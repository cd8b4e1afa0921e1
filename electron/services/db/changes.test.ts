import { describe, expect, it } from 'vitest';
import {
  enqueueReply,
  changes,
  conversation,
  customer,
  message,
  messageData,
  order,
  team,
  user,
  unseenWords,
} from '../testing/fixtures';
import { applyChanges, applyPage, pageChunks } from './changes';
import { clearAll, clearSynced } from './clear';
import { getConversation } from './conversations';
import { storageFullError } from './errors';
import { getCursor, setMeta } from './meta';
import { listPending } from './outbox';
import { openCache } from './open';
import { searchMessages } from './search';
import { fillCache } from './testing';

function seeded() {
  const db = openCache(':memory:');
  applyChanges(
    db,
    changes(team('t1'), user('u1'), customer('cu1'), conversation('c1'), message('m1', { body: 'my kettle leaks' })),
  );
  return db;
}

describe('applyChanges', () => {
  it('upserts by id and reports the conversations touched', () => {
    const db = seeded();
    const applied = applyChanges(
      db,
      changes(conversation('c1', { status: 'closed' }), message('m2', { conversationId: 'c1' })),
    );
    expect(applied.conversationIds).toEqual(['c1']);
    const detail = getConversation(db, 'c1');
    expect(detail.conversation.status).toBe('closed');
    expect(detail.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    db.close();
  });

  it('fills and refreshes the customer name and handle of the list', () => {
    const db = seeded();
    expect(getConversation(db, 'c1').conversation).toMatchObject({
      customerName: 'Customer cu1',
      customerHandle: '@cu1_handle',
    });
    // The same customer, renamed: the conversation follows.
    const applied = applyChanges(db, changes(customer('cu1', { name: 'Maria Rossi' })));
    expect(applied.conversationIds).toEqual(['c1']);
    expect(getConversation(db, 'c1').conversation.customerName).toBe('Maria Rossi');
    // The handle is the identity on the conversation's channel.
    applyChanges(db, changes(conversation('c1', { channel: 'sms' })));
    expect(getConversation(db, 'c1').conversation.customerHandle).toBe('+1 415 555 0100');
    db.close();
  });

  it('reports the conversations of a customer whose order changed, so their panel refreshes', () => {
    const db = seeded();
    applyChanges(db, changes(conversation('c2', { customerId: 'someone-else' })));
    const applied = applyChanges(db, changes(order('o1', { customerId: 'cu1', status: 'refunded' })));
    expect(applied.conversationIds).toEqual(['c1']);
    expect(getConversation(db, 'c1').orders.map((o) => [o.id, o.status])).toEqual([['o1', 'refunded']]);
    db.close();
  });

  it('accepts a conversation before its customer', () => {
    const db = openCache(':memory:');
    applyChanges(db, changes(conversation('c9', { customerId: 'cu9' })));
    expect(getConversation(db, 'c9').customer.name).toBe('');
    applyChanges(db, changes(customer('cu9')));
    expect(getConversation(db, 'c9').conversation.customerName).toBe('Customer cu9');
    db.close();
  });

  it('re-indexes a message whose body changed', () => {
    const db = seeded();
    applyChanges(db, changes(message('m1', { body: 'my toaster burns' })));
    expect(searchMessages(db, 'kettle', 10)).toEqual([]);
    expect(searchMessages(db, 'toaster', 10).map((h) => h.messageId)).toEqual(['m1']);
    // A status-only update keeps the index as it is.
    applyChanges(db, changes(message('m1', { body: 'my toaster burns', status: 'delivered' })));
    expect(searchMessages(db, 'toaster', 10)).toHaveLength(1);
    db.close();
  });

  it('applies a page and its cursor together, or nothing', () => {
    const db = seeded();
    applyPage(db, changes(order('o1')), 42);
    expect(getCursor(db)).toBe(42);
    const bad = changes(message('m5', { conversationId: 'c1' }), {
      kind: 'team',
      data: { id: 't2', name: null as unknown as string },
    });
    expect(() => applyPage(db, bad, 99)).toThrow();
    expect(getCursor(db)).toBe(42);
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1']);
    db.close();
  });

  it('applies nothing of a page, and keeps the cursor, when the disk is full', () => {
    const db = seeded();
    applyPage(db, changes(order('o1')), 42);
    const release = fillCache(db);
    const page = changes(
      conversation('c2', { lastMessageAt: 9_000 }),
      message('m7', { conversationId: 'c2', body: unseenWords(500) }),
    );
    let thrown: unknown = null;
    try {
      applyPage(db, page, 99);
    } catch (error) {
      thrown = error;
    }
    expect(storageFullError(thrown, db)?.code).toBe('storage_full');
    expect(getCursor(db)).toBe(42);
    expect(db.prepare("SELECT count(*) AS n FROM conversations WHERE id = 'c2'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM messages WHERE id = 'm7'").get()).toEqual({ n: 0 });

    release();
    expect(applyPage(db, page, 99).conversationIds).toEqual(['c2']);
    expect(getCursor(db)).toBe(99);
    db.close();
  });

  it('applies a page in chunks, each storing its own cursor; a version superseded in a later chunk is skipped', () => {
    const db = seeded();
    const page = changes(
      conversation('c1', { subject: 'first' }),
      message('m2', { conversationId: 'c1' }),
      message('m3', { conversationId: 'c1' }),
      conversation('c1', { subject: 'last' }),
    );
    const last = page.at(-1)?.seq ?? 0;
    const chunks = pageChunks(db, page, last + 10, 2);
    expect(chunks).toHaveLength(2);
    chunks[0]?.();
    // The app stops here: the cursor is before the newer version, which the next pull brings again.
    expect(getCursor(db)).toBe(page[1]?.seq);
    expect(getConversation(db, 'c1').conversation.subject).not.toBe('first');
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    chunks[1]?.();
    expect(getCursor(db)).toBe(last + 10);
    expect(getConversation(db, 'c1').conversation.subject).toBe('last');
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    // An empty page still stores its cursor.
    const empty = pageChunks(db, [], last + 20, 2);
    expect(empty).toHaveLength(1);
    empty[0]?.();
    expect(getCursor(db)).toBe(last + 20);
    db.close();
  });

  it('clearAll empties every table and the search index, keeping only the install id', () => {
    const db = seeded();
    applyPage(db, changes(order('o1')), 7);
    setMeta(db, 'install_id', 'install-1');
    setMeta(db, 'user_id', 'u1');
    clearAll(db, () => setMeta(db, 'user_id', 'u2'));
    expect(db.prepare('SELECT key, value FROM meta ORDER BY key').all()).toEqual([
      { key: 'install_id', value: 'install-1' },
      { key: 'user_id', value: 'u2' },
    ]);
    db.prepare("DELETE FROM meta WHERE key <> 'install_id'").run();
    for (const table of [
      'teams',
      'users',
      'customers',
      'identities',
      'orders',
      'conversations',
      'messages',
      'outbox',
    ]) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    expect(searchMessages(db, 'kettle', 10)).toEqual([]);
    db.close();
  });

  it('clearSynced keeps the outbox, its messages and the session; everything else goes', () => {
    const db = seeded();
    applyPage(db, changes(order('o1'), conversation('c2'), message('m2', { conversationId: 'c2' })), 7);
    const reply = messageData('local-k1', {
      direction: 'outbound',
      authorId: 'u1',
      body: 'Your kettle refund is on its way',
      status: 'pending',
      clientId: 'client-key-1',
    });
    enqueueReply(db, reply);
    for (const [key, value] of [
      ['install_id', 'install-1'],
      ['user_id', 'u1'],
      ['user', '{"id":"u1"}'],
      ['server_url', 'http://x'],
      ['token_expires_at', '9'],
      ['last_synced_at', '5'],
      ['synced_team_ids', '["t1"]'],
    ] as const) {
      setMeta(db, key, value);
    }

    expect(clearSynced(db, () => setMeta(db, 'synced_team_ids', '["t2"]'))).toEqual(['c1', 'c2']);
    for (const table of [
      'teams',
      'users',
      'customers',
      'identities',
      'orders',
      'conversations',
      'conversation_counts',
    ]) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    expect(listPending(db).map((e) => e.id)).toEqual(['client-key-1']);
    expect(db.prepare('SELECT id FROM messages').all()).toEqual([{ id: 'local-k1' }]);
    expect(searchMessages(db, 'kettle', 10).map((h) => h.messageId)).toEqual(['local-k1']);
    expect(() => db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")).not.toThrow();
    expect(db.prepare('SELECT key, value FROM meta ORDER BY key').all()).toEqual([
      { key: 'install_id', value: 'install-1' },
      { key: 'server_url', value: 'http://x' },
      { key: 'synced_team_ids', value: '["t2"]' },
      { key: 'token_expires_at', value: '9' },
      { key: 'user', value: '{"id":"u1"}' },
      { key: 'user_id', value: 'u1' },
    ]);
    expect(getCursor(db)).toBe(0);
    db.close();
  });

  it('writes only the last version of an entity in a page, and a revoke after it wins', () => {
    const db = openCache(':memory:');
    applyChanges(
      db,
      changes(
        customer('cu1'),
        conversation('c1', { status: 'open', lastMessagePreview: 'one' }),
        message('m1'),
        conversation('c1', { status: 'closed', lastMessagePreview: 'two' }),
        conversation('c2'),
        { kind: 'revoke', data: { id: 'c2' } },
        { kind: 'revoke', data: { id: 'c3' } },
        conversation('c3', { lastMessagePreview: 'back' }),
      ),
    );
    expect(db.prepare('SELECT id, status, last_message_preview AS p FROM conversations ORDER BY id').all()).toEqual([
      { id: 'c1', status: 'closed', p: 'two' },
      { id: 'c3', status: 'open', p: 'back' },
    ]);
    // The totals count each conversation once, as it is now.
    expect(
      db.prepare("SELECT status, n FROM conversation_counts WHERE assignee_id = '*' AND n <> 0 ORDER BY status").all(),
    ).toEqual([
      { status: 'closed', n: 1 },
      { status: 'open', n: 1 },
    ]);
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m1']);
    db.close();
  });
});
