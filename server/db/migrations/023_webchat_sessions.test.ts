import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 23));

describe.each(testBackends)('migration 023 webchat_sessions on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('adds an empty table of visitor sessions, one per token, and keeps every row', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(await migrateTo(db, 23)).toEqual([23]);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.query('select token_hash from webchat_sessions')).toEqual([]);
    const insert = () =>
      db.query(
        `insert into webchat_sessions (token_hash, widget, visitor_id, created_at, seen_at)
         values ('hash-1', 'shop', 'visitor-1', 1, 1)`,
      );
    await insert();
    await expect(insert()).rejects.toThrow(/webchat_sessions_pkey/);
  });
});
