import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { listUnread, markRead } from '../reads';

describe('migration 013 conversation reads', () => {
  it('keeps version-12 conversations, all unread at first, and stores what a rep read', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 12);
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES ('c1', 't1', 'cu1', 'sms', NULL, 'open', 'u1', 1, 20, 'Hi', 20)`,
    ).run();
    db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status)
       VALUES ('m1', 'c1', 'sms', 'inbound', NULL, 'Hi', 20, 'received')`,
    ).run();

    migrate(db, 13);
    expect(schemaVersion(db)).toBe(13);
    // Today's repositories read today's schema: what this version kept must survive the later ones too.
    migrate(db);
    expect(listUnread(db, 'u1', [], 0).map((u) => u.conversation.id)).toEqual(['c1']);
    markRead(db, 'u1', 'c1');
    expect(db.prepare('SELECT user_id, conversation_id, seen_at FROM conversation_reads').all()).toEqual([
      { user_id: 'u1', conversation_id: 'c1', seen_at: 20 },
    ]);
    expect(listUnread(db, 'u1', [], 0)).toEqual([]);
    db.close();
  });
});
