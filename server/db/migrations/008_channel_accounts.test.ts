import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';

describe.each(testBackends)('migration 008 channel accounts on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, leaves old conversations without an account, and keeps one team per account', async () => {
    const db = database();
    await insertVersion1Rows(db);
    expect(await migrateTo(db, 7)).toEqual([6, 7]);
    const before = await snapshot(db);

    expect(await migrateTo(db, 8)).toEqual([8]);
    expect(await snapshot(db)).toEqual({
      ...before,
      conversations: before.conversations?.map((row) => ({ ...row, channel_account_id: null })),
    });

    const insert = (id: string, account: string, team: string) =>
      db.query(
        `insert into channel_accounts (id, channel, account, display_name, team_id, created_at)
         values ($1, 'sms', $2, 'Support line', $3, $4)`,
        [id, account, team, AT],
      );
    await insert('line', '+14155550100', 'orders');
    // One team per account on a channel, and only a team that exists.
    await expect(insert('again', '+14155550100', 'orders')).rejects.toMatchObject({ code: '23505' });
    await expect(insert('nowhere', '+14155550199', 'no-team')).rejects.toMatchObject({ code: '23503' });

    await db.query(`update conversations set channel_account_id = 'line' where id = 'conv-1'`);
    // Removing the account leaves the conversation, without its account.
    await db.query(`delete from channel_accounts where id = 'line'`);
    expect(await db.query(`select channel_account_id from conversations where id = 'conv-1'`)).toEqual([
      { channel_account_id: null },
    ]);
  });
});
