import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 15));

describe.each(testBackends)('migration 015 routing on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, gives no conversation a reason, and stores and checks routing settings', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(before.conversations?.length).toBeGreaterThan(0);

    expect(await migrateTo(db, 15)).toEqual([15]);
    expect(await snapshot(db)).toEqual({
      ...before,
      conversations: before.conversations?.map((row) => ({ ...row, assigned_reason: null })),
    });

    await db.query(
      `insert into routing_settings (team_id, mode, max_open, channel_max_open, offline_return_minutes, updated_at, updated_by)
       values ('orders', 'fewest_open', 5, '{"sms": 2}'::jsonb, 10, 1, 'lead01')`,
    );
    await db.query(
      `insert into routing_reps (team_id, user_id, languages) values ('orders', 'rep01', '["es"]'::jsonb)`,
    );
    expect(
      await db.query(
        `select s.mode, s.max_open, s.channel_max_open, r.languages, r.channels from routing_settings s
         join routing_reps r using (team_id)`,
      ),
    ).toEqual([{ mode: 'fewest_open', max_open: 5, channel_max_open: { sms: 2 }, languages: ['es'], channels: [] }]);
    await expect(db.query(`update routing_settings set mode = 'random'`)).rejects.toThrow(/routing_settings_mode/);
    await expect(db.query(`update routing_settings set max_open = 0`)).rejects.toThrow(
      /routing_settings_max_open_positive/,
    );
    await expect(db.query(`update routing_reps set max_open = -1`)).rejects.toThrow(/routing_reps_max_open_positive/);
    await expect(db.query(`update routing_settings set offline_return_minutes = -1`)).rejects.toThrow(
      /routing_settings_offline_nonnegative/,
    );
    await db.query(`update conversations set assigned_reason = '{"kind":"returned"}'::jsonb where id = 'conv-1'`);
    expect(await db.query(`select assigned_reason from conversations where id = 'conv-1'`)).toEqual([
      { assigned_reason: { kind: 'returned' } },
    ]);
  });
});
