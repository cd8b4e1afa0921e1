import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';

describe.each(testBackends)('migration 007 channel details on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, leaves old messages without an error, and keeps inbound details per message', async () => {
    const db = database();
    await insertVersion1Rows(db);
    expect(await migrateTo(db, 6)).toEqual([6]);
    const before = await snapshot(db);

    expect(await migrateTo(db, 7)).toEqual([7]);
    const after = await snapshot(db);
    expect(after).toEqual({
      ...before,
      messages: before.messages?.map((row) => ({ ...row, status_error_code: null, status_error: null })),
    });

    await db.query(
      `insert into inbound_details (message_id, account, kind, sent_at, subject, thread, media)
       values ('m1', '+14155550100', 'direct', $1, null, '{}', $2::text::jsonb)`,
      [AT, JSON.stringify([{ url: 'https://example.com/a.jpg', contentType: 'image/jpeg' }])],
    );
    expect(await db.query(`select media->0->>'contentType' as type from inbound_details`)).toEqual([
      { type: 'image/jpeg' },
    ]);
    // Details belong to a stored message, and are of a known kind.
    await expect(
      db.query(
        `insert into inbound_details (message_id, account, kind, thread, media) values ('nope', 'a', 'direct', '{}', '[]')`,
      ),
    ).rejects.toMatchObject({ code: '23503' });
    await expect(
      db.query(
        `insert into inbound_details (message_id, account, kind, thread, media) values ('m2', 'a', 'listening', '{}', '[]')`,
      ),
    ).rejects.toMatchObject({ code: '23514' });
    // Deleting a message takes its details with it.
    await db.query(`delete from messages where id = 'm1'`);
    expect(await db.query('select * from inbound_details')).toEqual([]);
  });
});
