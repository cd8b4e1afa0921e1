import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one: 012 until 013 is on main (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 14));

describe.each(testBackends)('migration 014 audit erasure on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, still refuses updates, truncates and deletes, and deletes only what an erasure names', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const audit = (kind: string, id: string) =>
      db.query(
        `insert into audit_log (at, actor, type, entity_kind, entity_id, before, after)
         values ($1, 'lead01', 'assign', $2, $3, null, '{"status": "open"}')`,
        [AT, kind, id],
      );
    await audit('conversation', 'conv-1');
    await audit('customer', 'pat');
    const before = await snapshot(db);

    expect(await migrateTo(db, 14)).toEqual([14]);
    expect(await snapshot(db)).toEqual(before);
    const rows = () => db.query(`select entity_kind, entity_id from audit_log order by id`);
    const all = [
      { entity_kind: 'conversation', entity_id: 'conv-1' },
      { entity_kind: 'customer', entity_id: 'pat' },
    ];

    // Ordinary updates, deletes and truncates are refused as before.
    await expect(db.query(`update audit_log set actor = 'someone'`)).rejects.toMatchObject({ code: '42501' });
    await expect(db.query(`delete from audit_log`)).rejects.toMatchObject({ code: '42501' });
    await expect(db.query(`truncate audit_log`)).rejects.toMatchObject({ code: '42501' });
    // Named by an erasure: even then an update is refused, and a row it did not name stays.
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`select set_config('caredesk.erasing', $1, true)`, [JSON.stringify(['customer:pat'])]);
        await tx.query(`update audit_log set actor = 'someone' where entity_id = 'pat'`);
      }),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`select set_config('caredesk.erasing', $1, true)`, [JSON.stringify(['customer:pat'])]);
        await tx.query(`delete from audit_log`);
      }),
    ).rejects.toMatchObject({ code: '42501' });
    expect(await rows()).toEqual(all);

    await db.transaction(async (tx) => {
      await tx.query(`select set_config('caredesk.erasing', $1, true)`, [JSON.stringify(['customer:pat'])]);
      await tx.query(`delete from audit_log where entity_kind = 'customer' and entity_id = 'pat'`);
    });
    expect(await rows()).toEqual([all[0]]);
    // The setting ended with its transaction.
    await expect(db.query(`delete from audit_log`)).rejects.toMatchObject({ code: '42501' });
    expect(await rows()).toEqual([all[0]]);
  });
});
