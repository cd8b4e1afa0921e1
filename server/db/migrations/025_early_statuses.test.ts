import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 25));

describe.each(testBackends)('migration 025 early_statuses on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('adds an empty table of early reports, one per provider message, and keeps every row', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(await migrateTo(db, 25)).toEqual([25]);
    expect(await snapshot(db)).toEqual(before);
    const insert = () =>
      db.query(
        `insert into early_statuses (channel, provider_message_id, status, received_at) values ('sms', 'SM1', 'delivered', 1)`,
      );
    await insert();
    await expect(insert()).rejects.toThrow(/early_statuses_pkey/);
  });
});
