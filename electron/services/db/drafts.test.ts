import { describe, expect, it } from 'vitest';
import { clearAll } from './clear';
import { dropConversation } from './conversation-state';
import { listDrafts, saveDraft } from './drafts';
import { openCache } from './open';

function cacheWith(...conversationIds: string[]) {
  const db = openCache(':memory:');
  const insert = db.prepare(
    `INSERT INTO conversations (id, customer_id, channel, status, assignee_id, team_id, last_message_at, last_message_preview, created_at)
     VALUES (?, 'cu1', 'sms', 'open', NULL, 't1', 1, 'Hi', 1)`,
  );
  for (const id of conversationIds) insert.run(id);
  return db;
}

describe('drafts in the cache', () => {
  it("keeps each conversation's reply and note, the latest text of each", () => {
    const db = cacheWith('c1', 'c2');
    saveDraft(db, { conversationId: 'c1', kind: 'reply', body: 'Your parcel' }, 1);
    saveDraft(db, { conversationId: 'c1', kind: 'note', body: 'Asked twice already' }, 2);
    saveDraft(db, { conversationId: 'c2', kind: 'reply', body: 'Hello' }, 3);
    saveDraft(db, { conversationId: 'c1', kind: 'reply', body: 'Your parcel left Reno today' }, 4);
    expect(listDrafts(db)).toEqual([
      { conversationId: 'c1', kind: 'note', body: 'Asked twice already' },
      { conversationId: 'c2', kind: 'reply', body: 'Hello' },
      { conversationId: 'c1', kind: 'reply', body: 'Your parcel left Reno today' },
    ]);
  });

  it('forgets a draft emptied or left blank', () => {
    const db = cacheWith('c1');
    saveDraft(db, { conversationId: 'c1', kind: 'reply', body: 'Sent now' }, 1);
    saveDraft(db, { conversationId: 'c1', kind: 'note', body: 'A note' }, 2);
    saveDraft(db, { conversationId: 'c1', kind: 'reply', body: '' }, 3);
    saveDraft(db, { conversationId: 'c1', kind: 'note', body: '  \n ' }, 4);
    expect(listDrafts(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
  });

  it("drops a conversation's drafts with it, and every draft when the cache is emptied", () => {
    const db = cacheWith('c1', 'c2');
    saveDraft(db, { conversationId: 'c1', kind: 'reply', body: 'Dear Pat Doe' }, 1);
    saveDraft(db, { conversationId: 'c2', kind: 'reply', body: 'Hello' }, 2);
    dropConversation(db, 'c1');
    expect(db.prepare('SELECT conversation_id FROM drafts').pluck().all()).toEqual(['c2']);
    clearAll(db);
    expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
  });

  it('lists no draft of a conversation no longer in the cache', () => {
    const db = cacheWith('c1');
    saveDraft(db, { conversationId: 'gone', kind: 'reply', body: 'Orphan' }, 1);
    expect(listDrafts(db)).toEqual([]);
  });
});
