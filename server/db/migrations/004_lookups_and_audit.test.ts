import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';

describe.each(testBackends)('migration 004 lookups and audit on $kind', (backend) => {
  const database = databaseAt(backend, 3);

  it('keeps every row, adds an append-only audit log and the indexes lookups search by', async () => {
    const db = database();
    await insertVersion1Rows(db);
    const before = await snapshot(db);

    expect(await migrateTo(db, 4)).toEqual([4]);
    expect(await snapshot(db)).toEqual(before);

    await db.query(
      `insert into audit_log (at, actor, type, entity_kind, entity_id, before, after, action_id, team_ids)
       values ($1, 'rep01', 'assign', 'conversation', 'conv-1', '{"assigneeId":null}', '{"assigneeId":"rep01"}',
         'action-1', '{orders}')`,
      [AT + 1],
    );
    const rows = await db.query<{ id: unknown; after: unknown; team_ids: unknown }>(
      'select id, after, team_ids from audit_log',
    );
    expect(rows.map((row) => ({ ...row, id: Number(row.id) }))).toEqual([
      { id: 1, after: { assigneeId: 'rep01' }, team_ids: ['orders'] },
    ]);

    // Append-only, whoever asks: no update, delete or truncate gets through, and the row stays.
    for (const statement of [
      `update audit_log set actor = 'someone-else'`,
      'delete from audit_log',
      'truncate audit_log',
    ]) {
      await expect(db.query(statement)).rejects.toThrow(/audit_log is append-only/);
    }
    expect(await db.query('select actor from audit_log')).toEqual([{ actor: 'rep01' }]);

    const indexes = await db.query<{ indexname: string }>(
      `select indexname from pg_indexes
       where tablename in ('audit_log', 'changes', 'identities', 'orders', 'customers') order by indexname`,
    );
    expect(indexes.map((row) => row.indexname)).toEqual(
      expect.arrayContaining([
        'audit_log_entity',
        'audit_log_actor',
        'audit_log_at',
        'changes_entity',
        'identities_phone_suffix',
        'orders_shipments',
        'customers_email',
      ]),
    );

    // The phone-suffix index answers "ends with these digits" on the fixture's SMS number.
    expect(
      await db.query(
        `select customer_id from identities
         where channel in ('sms', 'whatsapp') and reverse(value) like reverse($1) || '%'`,
        ['4155550101'],
      ),
    ).toEqual([{ customer_id: 'pat' }]);
  });
});
