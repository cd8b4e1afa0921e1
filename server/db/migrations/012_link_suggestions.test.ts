import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 12));

describe.each(testBackends)('migration 012 link suggestions on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row and gives every conversation no suggestions', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(before.conversations?.length).toBeGreaterThan(0);

    expect(await migrateTo(db, 12)).toEqual([12]);
    expect(await snapshot(db)).toEqual({
      ...before,
      conversations: before.conversations?.map((row) => ({ ...row, link_suggestions: [] })),
    });
    // Suggestions are a JSON array, kept as written.
    const suggestion = { customerId: 'cust-2', state: 'rejected' };
    await db.query(`update conversations set link_suggestions = $1::text::jsonb where id = 'conv-1'`, [
      JSON.stringify([suggestion]),
    ]);
    expect(await db.query(`select link_suggestions from conversations where id = 'conv-1'`)).toEqual([
      { link_suggestions: [suggestion] },
    ]);
  });
});
