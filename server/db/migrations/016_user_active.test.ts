import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive: 015 may not be on this branch). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 16));

describe.each(testBackends)('migration 016 user active on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, makes every existing user active and refuses a null', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(before.users?.length).toBeGreaterThan(0);

    expect(await migrateTo(db, 16)).toEqual([16]);
    expect(await snapshot(db)).toEqual({
      ...before,
      users: before.users?.map((row) => ({ ...row, active: true })),
    });
    await db.query(`update users set active = false where id = 'rep01'`);
    expect(await db.query(`select id, active from users where id = 'rep01'`)).toEqual([{ id: 'rep01', active: false }]);
    await expect(db.query(`update users set active = null where id = 'rep01'`)).rejects.toThrow(/null/);
  });
});
