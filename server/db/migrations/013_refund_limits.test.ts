import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 13));

describe.each(testBackends)('migration 013 refund limits on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, gives every user the default limit (null) and refuses a negative one', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(before.users?.length).toBeGreaterThan(0);

    expect(await migrateTo(db, 13)).toEqual([13]);
    expect(await snapshot(db)).toEqual({
      ...before,
      users: before.users?.map((row) => ({ ...row, refund_limit_cents: null })),
    });
    await db.query(`update users set refund_limit_cents = 12000 where id = 'rep01'`);
    expect(await db.query(`select refund_limit_cents::int as cents from users where id = 'rep01'`)).toEqual([
      { cents: 12000 },
    ]);
    await expect(db.query(`update users set refund_limit_cents = -1 where id = 'rep01'`)).rejects.toThrow(
      /users_refund_limit_nonnegative/,
    );
  });
});
