import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { searchMessages } from '../search';

describe('migration 004 snippet markers', () => {
  it('strips U+0002 and U+0003 from bodies cached before, keeping the search index in step', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 3);
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES ('c1', 't1', 'cu1', 'sms', NULL, 'open', NULL, 1, 2, '', NULL)`,
    ).run();
    // As version 3 wrote them: the row and its index entry, with the same text.
    const insert = db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES (?, 'c1', 'sms', 'inbound', NULL, ?, 1, 'received', NULL)`,
    );
    const index = db.prepare('INSERT INTO messages_fts (rowid, body) VALUES (?, ?)');
    for (const [id, body] of [
      ['m1', 'Your \u0002refund\u0003 is approved'],
      ['m2', 'A plain refund question'],
      ['m3', 'split\u0002word\u0003s'],
    ] as const) {
      index.run(insert.run(id, body).lastInsertRowid, body);
    }

    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT id, body FROM messages ORDER BY id').all()).toEqual([
      { id: 'm1', body: 'Your refund is approved' },
      { id: 'm2', body: 'A plain refund question' },
      { id: 'm3', body: 'splitwords' },
    ]);
    expect(searchMessages(db, 'refund', 10).map((h) => [h.messageId, h.snippet])).toEqual([
      ['m2', 'A plain \u0002refund\u0003 question'],
      ['m1', 'Your \u0002refund\u0003 is approved'],
    ]);
    expect(searchMessages(db, 'splitwords', 10).map((h) => h.messageId)).toEqual(['m3']);
    expect(searchMessages(db, 'word', 10)).toEqual([]);
    // The index holds exactly the stored text (FTS5's own consistency check).
    expect(() => db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")).not.toThrow();
    db.close();
  });
});
