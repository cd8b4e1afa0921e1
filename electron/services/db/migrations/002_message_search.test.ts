import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { searchMessages } from '../search';

describe('migration 002 message search', () => {
  it('indexes the messages already in a version-1 cache', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 1);
    const insert = db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES (?, 'c1', 'x', 'inbound', NULL, ?, ?, 'received', NULL)`,
    );
    insert.run('m1', 'Where is my parcel?', 1);
    insert.run('m2', 'The parcel arrived damaged', 2);
    insert.run('m3', 'Thanks a lot', 3);

    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(searchMessages(db, 'parcel', 10).map((h) => h.messageId)).toEqual(['m2', 'm1']);
    expect(searchMessages(db, 'par', 10)).toHaveLength(2);
    expect(searchMessages(db, 'thanks', 10).map((h) => h.messageId)).toEqual(['m3']);
    db.close();
  });
});
