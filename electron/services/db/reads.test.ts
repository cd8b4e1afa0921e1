import { describe, expect, it } from 'vitest';
import { changes, conversation, customer, message, team, user } from '../testing/fixtures';
import { applyChanges } from './changes';
import { openCache } from './open';
import type { Db } from './open';
import { listUnread, markRead, readsSince } from './reads';
import { queryPlans } from './testing';

/** u1 in t1: c-mine assigned to u1, c-free unassigned in t1, c-other assigned to u2, c-away in t2. */
function seeded(): Db {
  const db = openCache(':memory:');
  applyChanges(
    db,
    changes(
      team('t1'),
      team('t2'),
      user('u1', { teamIds: ['t1'] }),
      user('u2', { teamIds: ['t1'] }),
      customer('cu1'),
      conversation('c-mine', { assigneeId: 'u1', lastMessageAt: 200 }),
      conversation('c-free', { lastMessageAt: 300 }),
      conversation('c-other', { assigneeId: 'u2', lastMessageAt: 300 }),
      conversation('c-away', { teamId: 't2', lastMessageAt: 300 }),
      conversation('c-old', { lastMessageAt: 50 }),
      message('m1', { conversationId: 'c-mine', createdAt: 200 }),
      message('m2', { conversationId: 'c-free', createdAt: 300 }),
      message('m3', { conversationId: 'c-other', createdAt: 300 }),
      message('m4', { conversationId: 'c-away', createdAt: 300 }),
      message('m5', { conversationId: 'c-old', createdAt: 50 }),
    ),
  );
  return db;
}

const unreadIds = (db: Db, since = 100) => listUnread(db, 'u1', ['t1'], since).map((u) => u.conversation.id);

describe('unread conversations', () => {
  it("lists the rep's own and their teams' unassigned conversations with inbound messages since, newest first", () => {
    const db = seeded();
    const unread = listUnread(db, 'u1', ['t1'], 100);
    expect(unread.map((u) => [u.conversation.id, u.lastInboundAt])).toEqual([
      ['c-free', 300],
      ['c-mine', 200],
    ]);
    db.close();
  });

  it('opening a conversation marks it read until a newer inbound message arrives', () => {
    const db = seeded();
    markRead(db, 'u1', 'c-free');
    expect(unreadIds(db)).toEqual(['c-mine']);
    // Another rep's reads are theirs.
    expect(listUnread(db, 'u2', ['t1'], 100).map((u) => u.conversation.id)).toEqual(['c-free', 'c-other']);

    // The rep's own reply does not make it unread; the customer's next message does.
    applyChanges(
      db,
      changes(
        message('m6', { conversationId: 'c-free', createdAt: 400, direction: 'outbound', authorId: 'u1' }),
        conversation('c-free', { lastMessageAt: 400 }),
      ),
    );
    expect(unreadIds(db)).toEqual(['c-mine']);
    applyChanges(
      db,
      changes(
        message('m7', { conversationId: 'c-free', createdAt: 500 }),
        conversation('c-free', { lastMessageAt: 500 }),
      ),
    );
    expect(listUnread(db, 'u1', ['t1'], 100).map((u) => [u.conversation.id, u.lastInboundAt])).toEqual([
      ['c-free', 500],
      ['c-mine', 200],
    ]);
    markRead(db, 'u1', 'c-free');
    markRead(db, 'u1', 'c-mine');
    expect(unreadIds(db)).toEqual([]);
    db.close();
  });

  it('counts nothing from before the rep first used this cache, and remembers that time', () => {
    const db = seeded();
    expect(readsSince(db, 'u1', 250)).toBe(250);
    expect(readsSince(db, 'u1', 999)).toBe(250);
    expect(readsSince(db, 'u2', 10)).toBe(10);
    expect(unreadIds(db, readsSince(db, 'u1', 999))).toEqual(['c-free']);
    db.close();
  });

  it('reads an index range of recent conversations, not the whole table', () => {
    const db = seeded();
    const plans = queryPlans(db, () => listUnread(db, 'u1', ['t1'], 100));
    const plan = plans.find(({ sql }) => /FROM conversations c/.test(sql))?.plan ?? [];
    expect(plan.join('\n')).toMatch(/SEARCH c USING INDEX/);
    for (const line of plan) expect(line).not.toMatch(/^SCAN (c|m|r)$/);
    db.close();
  });
});
