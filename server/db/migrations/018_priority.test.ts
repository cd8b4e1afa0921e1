import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 18));

describe.each(testBackends)('migration 018 priority on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, leaves every conversation automatic, and stores only a known priority', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(before.conversations?.length).toBeGreaterThan(0);

    expect(await migrateTo(db, 18)).toEqual([18]);
    expect(await snapshot(db)).toEqual({
      ...before,
      conversations: before.conversations?.map((row) => ({ ...row, priority: null })),
    });

    await db.query(`update conversations set priority = 'urgent' where id = 'conv-1'`);
    expect(await db.query(`select priority from conversations where id = 'conv-1'`)).toEqual([{ priority: 'urgent' }]);
    await expect(db.query(`update conversations set priority = 'critical' where id = 'conv-1'`)).rejects.toThrow(
      /conversations_priority/,
    );
    await db.query(`update conversations set priority = null where id = 'conv-1'`);
    expect(await db.query(`select priority from conversations where id = 'conv-1'`)).toEqual([{ priority: null }]);
  });
});
