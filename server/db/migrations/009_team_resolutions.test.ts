import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertTeamAndUsers, migrateTo } from './fixtures';

describe.each(testBackends)('migration 009 team resolutions on $kind', (backend) => {
  const database = databaseAt(backend, 8);

  it('keeps every personal item as it was and stores a team’s items with their actions', async () => {
    const db = database();
    await insertTeamAndUsers(db);
    await db.query(
      `insert into canned_resolutions (id, owner_id, title, body, updated_at)
       values ('r1', 'rep01', 'Refund sent', 'Your refund is on its way.', $1)`,
      [AT],
    );
    const before = await db.query('select * from canned_resolutions');

    expect(await migrateTo(db, 9)).toEqual([9]);
    expect(await db.query('select * from canned_resolutions')).toEqual(
      before.map((row) => ({ ...row, team_id: null, then_actions: null })),
    );

    await db.query(
      `insert into canned_resolutions (id, owner_id, title, body, updated_at, team_id, then_actions)
       values ('r2', 'lead01', 'Late parcel', 'On its way.', $1, 'orders', $2::text::jsonb)`,
      [AT + 1, JSON.stringify({ tags: ['late'], status: 'closed' })],
    );
    expect(await db.query("select team_id, then_actions from canned_resolutions where id = 'r2'")).toEqual([
      { team_id: 'orders', then_actions: { tags: ['late'], status: 'closed' } },
    ]);
    // A team item belongs to a team that exists.
    await expect(
      db.query(
        `insert into canned_resolutions (id, owner_id, title, body, updated_at, team_id)
         values ('r3', 'lead01', 'x', 'y', $1, 'nowhere')`,
        [AT + 2],
      ),
    ).rejects.toMatchObject({ code: '23503' });
  });
});
