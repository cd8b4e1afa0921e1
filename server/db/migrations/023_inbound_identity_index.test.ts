import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 23));

describe.each(testBackends)('migration 023 inbound_identity_index on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('adds the index and keeps every row', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(await migrateTo(db, 23)).toEqual([23]);
    expect(await snapshot(db)).toEqual(before);
    const indexes = await db.query<{ indexname: string }>(
      "select indexname from pg_indexes where tablename = 'inbound_details' and indexname = 'inbound_details_identity'",
    );
    expect(indexes).toEqual([{ indexname: 'inbound_details_identity' }]);
  });
});
