import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 17));

describe.each(testBackends)('migration 017 csat on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, sends no survey for any team, and starts the sweep after the audit log as it is', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(before.teams?.length).toBeGreaterThan(0);
    const last = await db.query<{ id: string | number | null }>('select max(id) as id from audit_log');

    expect(await migrateTo(db, 17)).toEqual([17]);
    const after = await snapshot(db);
    expect(after.teams).toEqual(before.teams?.map((row) => ({ ...row, csat_question: null })));
    expect(await db.query('select * from csat_surveys')).toEqual([]);
    const cursor = await db.query<{ id: number; audit_id: string | number }>('select id, audit_id from csat_cursor');
    expect(cursor.map((row) => [row.id, Number(row.audit_id)])).toEqual([[1, Number(last[0]?.id ?? 0)]]);
    await expect(
      db.query(
        `insert into csat_surveys (conversation_id, audit_id, team_id, sent_at, score)
         select id, 1, team_id, 0, 6 from conversations limit 1`,
      ),
    ).rejects.toThrow(/csat_surveys_score/);
    await expect(db.query('insert into csat_cursor (id, audit_id) values (2, 0)')).rejects.toThrow(/csat_cursor_one/);
  });
});
