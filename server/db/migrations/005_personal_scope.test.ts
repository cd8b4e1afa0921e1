import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';

describe.each(testBackends)('migration 005 personal scope on $kind', (backend) => {
  const database = databaseAt(backend, 4);

  it('keeps every row, addresses a change to at most one scope, and stores canned resolutions per owner', async () => {
    const db = database();
    await insertVersion1Rows(db);
    const before = await snapshot(db);

    expect(await migrateTo(db, 5)).toEqual([5]);
    const after = await snapshot(db);
    // Old changes keep their scope: a team's, or everyone's; none is addressed to a user.
    expect(after).toEqual({ ...before, changes: before.changes?.map((row) => ({ ...row, user_id: null })) });

    await db.query(
      `insert into changes (team_id, user_id, kind, entity_id, payload, created_at)
       values (null, 'rep01', 'resolution', 'r1', '{}', $1)`,
      [AT + 1],
    );
    await expect(
      db.query(
        `insert into changes (team_id, user_id, kind, entity_id, payload, created_at)
         values ('orders', 'rep01', 'resolution', 'r2', '{}', $1)`,
        [AT + 2],
      ),
    ).rejects.toThrow(/changes_one_scope/);

    await db.query(
      `insert into canned_resolutions (id, owner_id, title, body, updated_at)
       values ('r1', 'rep01', 'Refund sent', 'Your refund is on its way.', $1)`,
      [AT + 1],
    );
    // An owner must be a user.
    await expect(
      db.query(
        `insert into canned_resolutions (id, owner_id, title, body, updated_at)
         values ('r2', 'nobody', 'x', 'y', $1)`,
        [AT + 1],
      ),
    ).rejects.toMatchObject({ code: '23503' });
    expect(await db.query('select id, owner_id from canned_resolutions')).toEqual([{ id: 'r1', owner_id: 'rep01' }]);
  });
});
