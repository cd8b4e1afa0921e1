import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';

describe.each(testBackends)('migration 011 outbound sends on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, queues nothing already stored, and ties each send to one existing message', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, 10);
    const before = await snapshot(db);

    expect(await migrateTo(db, 11)).toEqual([11]);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.query('select * from outbound_sends')).toEqual([]);

    const queue = (messageId: string, state = 'queued') =>
      db.query(`insert into outbound_sends (message_id, state, next_attempt_at, created_at) values ($1, $2, $3, $3)`, [
        messageId,
        state,
        AT,
      ]);
    await queue('m2');
    await expect(queue('m2')).rejects.toMatchObject({ code: '23505' });
    await expect(queue('no-such-message')).rejects.toMatchObject({ code: '23503' });
    await expect(queue('m1', 'done')).rejects.toMatchObject({ code: '23514' });
    // A message removed (its conversation erased) takes its send with it.
    await db.query(`delete from messages where id = 'm2'`);
    expect(await db.query('select * from outbound_sends')).toEqual([]);
  });
});
