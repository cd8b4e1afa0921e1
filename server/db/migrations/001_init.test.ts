import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../migrate';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo } from './fixtures';

describe.each(testBackends)('migration 001 init on $kind', (backend) => {
  const database = databaseAt(backend, 0);

  // Version 0 holds no rows to keep: this migration's test is that the schema takes real rows and keeps its rules.
  it('creates the schema from nothing, takes an organisation’s rows and enforces its constraints', async () => {
    const db = database();
    expect(await schemaVersion(db)).toBe(0);
    expect(await migrateTo(db, 1)).toEqual([1]);
    await insertVersion1Rows(db);

    expect(await db.query(`select id, role from users order by id`)).toEqual([
      { id: 'lead01', role: 'lead' },
      { id: 'rep01', role: 'rep' },
    ]);
    const seqs = await db.query<{ seq: string | number }>('select seq from changes order by seq');
    expect(seqs.map((row) => Number(row.seq))).toEqual([1, 2, 3]);

    const user = (id: string, email: string, role: string) =>
      db.query(
        `insert into users (id, name, email, role, password_salt, password_hash, created_at) values ($1, 'X', $2, $3, 's', 'h', $4)`,
        [id, email, role, AT],
      );
    await expect(user('u9', 'u9@northwind.example', 'owner')).rejects.toMatchObject({ code: '23514' });
    await expect(user('u9', 'rep01@northwind.example', 'rep')).rejects.toMatchObject({ code: '23505' });

    const identity = (id: string, channel: string) =>
      db.query(
        `insert into identities (id, customer_id, channel, value, display) values ($1, 'pat', $2, '+14155550101', 'x')`,
        [id, channel],
      );
    await expect(identity('dup-sms', 'sms')).rejects.toMatchObject({ code: '23505' });
    await identity('pat-whatsapp', 'whatsapp');

    // Version 1 made provider message ids unique across channels (002 scopes them to one channel).
    await expect(
      db.query(
        `insert into messages (id, conversation_id, channel, direction, body, created_at, status, provider_message_id)
         values ('m9', 'conv-1', 'whatsapp', 'inbound', 'x', $1, 'received', 'SM-1')`,
        [AT],
      ),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(db.query(`update conversations set status = 'lost' where id = 'conv-1'`)).rejects.toMatchObject({
      code: '23514',
    });

    // A deleted user takes their sessions and memberships along and leaves their work unassigned.
    await db.query(`delete from users where id = 'rep01'`);
    expect(await db.query(`select 1 from sessions`)).toEqual([]);
    expect(await db.query(`select user_id from team_members`)).toEqual([{ user_id: 'lead01' }]);
    expect(await db.query(`select assignee_id from conversations`)).toEqual([{ assignee_id: null }]);
    expect(await db.query(`select id, author_id from messages order by id`)).toEqual([
      { id: 'm1', author_id: null },
      { id: 'm2', author_id: null },
    ]);
  });
});
