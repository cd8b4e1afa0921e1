import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';

describe.each(testBackends)('migration 002 provider ids per channel on $kind', (backend) => {
  const database = databaseAt(backend, 1);

  it('keeps every row, scopes provider message ids to their channel and indexes session expiry', async () => {
    const db = database();
    await insertVersion1Rows(db);
    const before = await snapshot(db);

    expect(await migrateTo(db, 2)).toEqual([2]);
    expect(await snapshot(db)).toEqual(before);

    const message = (id: string, channel: string, providerId: string | null) =>
      db.query(
        `insert into messages (id, conversation_id, channel, direction, body, created_at, status, provider_message_id)
         values ($1, 'conv-1', $2, 'inbound', 'x', $3, 'received', $4)`,
        [id, channel, AT + 1, providerId],
      );
    // The same provider id on another channel is another message; on the same channel it is refused.
    await message('m3', 'whatsapp', 'SM-1');
    await expect(message('m4', 'sms', 'SM-1')).rejects.toMatchObject({ code: '23505' });
    // Messages without a provider id (replies) never clash.
    await message('m5', 'sms', null);
    await message('m6', 'sms', null);
    expect(await db.query(`select id from messages order by id`)).toEqual(
      ['m1', 'm2', 'm3', 'm5', 'm6'].map((id) => ({ id })),
    );

    const indexes = await db.query<{ indexname: string }>(
      `select indexname from pg_indexes where tablename in ('messages', 'sessions') order by indexname`,
    );
    const names = indexes.map((row) => row.indexname);
    expect(names).toEqual(expect.arrayContaining(['messages_channel_provider_message', 'sessions_expires_at']));
    expect(names).not.toContain('messages_provider_message_id_key');
  });
});
