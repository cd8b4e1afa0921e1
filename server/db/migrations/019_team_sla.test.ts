import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 19));

describe.each(testBackends)('migration 019 team_sla on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every team on the default service levels and stores a policy as JSON', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(before.teams?.length).toBeGreaterThan(0);

    expect(await migrateTo(db, 19)).toEqual([19]);
    const after = await snapshot(db);
    expect(after.teams).toEqual(before.teams?.map((row) => ({ ...row, sla: null })));
    await db.query(`update teams set sla = '{"warnShare":0.3}'::jsonb`);
    const stored = await db.query<{ sla: unknown }>('select sla from teams limit 1');
    expect(stored[0]?.sla).toEqual({ warnShare: 0.3 });
  });
});
