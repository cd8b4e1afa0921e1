import { describe, expect, it } from 'vitest';
import { deleteMessage } from '../messages';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { searchMessages } from '../search';

const indexHolds = (db: ReturnType<typeof openCache>, token: string) =>
  (db.prepare('SELECT block FROM messages_fts_data').pluck().all() as Buffer[]).some((block) => block.includes(token));

/** A message and its search entry as a version-7 cache held them (today's writer knows later columns). */
function storeAtVersion7(db: ReturnType<typeof openCache>, id: string, body: string): void {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES (?, 'c1', 'sms', 'inbound', NULL, ?, 1, 'received', NULL)`,
    )
    .run(id, body);
  db.prepare('INSERT INTO messages_fts (rowid, body) VALUES (?, ?)').run(lastInsertRowid, body);
}

describe('migration 009 search secure delete', () => {
  it('keeps the index of a version-7 cache, and from then on a deleted message’s words leave the index', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 7);
    for (let i = 0; i < 40; i++) storeAtVersion7(db, `m${i}`, `parcel ${i} is on its way`);
    storeAtVersion7(db, 'before', 'quillwort before the upgrade');
    storeAtVersion7(db, 'after', 'marshmallowy after the upgrade');
    // Before: a delete leaves the word in the index's blocks (only a tombstone is written).
    deleteMessage(db, 'before');
    expect(searchMessages(db, 'quillwort', 10)).toEqual([]);
    expect(indexHolds(db, 'quillwort')).toBe(true);

    migrate(db, 9);
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare("SELECT v FROM messages_fts_config WHERE k = 'secure-delete'").pluck().get()).toBe(1);
    expect(searchMessages(db, 'parcel', 100)).toHaveLength(40);
    expect(searchMessages(db, 'marshmallowy', 10).map((h) => h.messageId)).toEqual(['after']);
    deleteMessage(db, 'after');
    expect(searchMessages(db, 'marshmallowy', 10)).toEqual([]);
    expect(indexHolds(db, 'marshmallowy')).toBe(false);
    expect(() => db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")).not.toThrow();
    db.close();
  });
});
