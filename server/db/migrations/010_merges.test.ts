import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';

describe.each(testBackends)('migration 010 merges on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keeps every row, starts with no merges, and records one with what moved', async () => {
    const db = database();
    await insertVersion1Rows(db);
    expect(await migrateTo(db, 9)).toEqual([6, 7, 8, 9]);
    const before = await snapshot(db);

    expect(await migrateTo(db, 10)).toEqual([10]);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.query('select * from merges')).toEqual([]);
    expect(
      await db.query(
        `select indexname from pg_indexes where tablename = 'audit_log' and indexname = 'audit_log_action'`,
      ),
    ).toEqual([{ indexname: 'audit_log_action' }]);

    const identity = await db.query<Record<string, unknown>>(`select * from identities where id = 'pat-sms'`);
    const insert = (id: string, source: string, target: string) =>
      db.query(
        `insert into merges (id, source_customer_id, target_customer_id, merged_by, merged_at, source_customer,
           identities, order_ids, conversation_ids)
         values ($1, $2, $3, 'lead01', $4, $5::text::jsonb, $6::text::jsonb, $7::text[], $8::text[])`,
        [
          id,
          source,
          target,
          AT,
          JSON.stringify({ id: source, name: 'Pat Doe', createdAt: AT }),
          JSON.stringify(identity),
          ['o1042'],
          ['conv-1'],
        ],
      );
    await insert('merge-1', 'pat-old', 'pat');
    expect(await db.query('select order_ids, conversation_ids, undone_at, identities from merges')).toEqual([
      { order_ids: ['o1042'], conversation_ids: ['conv-1'], undone_at: null, identities: identity },
    ]);
    // Never a customer into itself; undone names who and when together.
    await expect(insert('merge-2', 'pat', 'pat')).rejects.toMatchObject({ code: '23514' });
    await expect(db.query(`update merges set undone_at = $1 where id = 'merge-1'`, [AT])).rejects.toMatchObject({
      code: '23514',
    });
  });
});
