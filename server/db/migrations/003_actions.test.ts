import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';

describe.each(testBackends)('migration 003 actions on $kind', (backend) => {
  const database = databaseAt(backend, 2);

  it('keeps every row, gives conversations tags and a snooze time, and adds notes and applied actions', async () => {
    const db = database();
    await insertVersion1Rows(db);
    const before = await snapshot(db);

    expect(await migrateTo(db, 3)).toEqual([3]);
    const after = await snapshot(db);
    // Old rows are unchanged; the new columns start empty.
    expect(after).toEqual({
      ...before,
      conversations: before.conversations?.map((row) => ({ ...row, tags: [], snoozed_until: null })),
      changes: before.changes?.map((row) => ({ ...row, action_id: null })),
    });

    await db.query(
      `update conversations set tags = $1::text::jsonb, status = 'snoozed', snoozed_until = $2 where id = 'conv-1'`,
      [JSON.stringify(['shipping', 'vip']), AT + 3_600_000],
    );
    expect(
      await db.query(`select tags, status from conversations where snoozed_until <= $1`, [AT + 3_600_000]),
    ).toEqual([{ tags: ['shipping', 'vip'], status: 'snoozed' }]);

    const note = (id: string, clientId: string) =>
      db.query(
        `insert into notes (id, conversation_id, author_id, body, created_at, client_id)
         values ($1, 'conv-1', 'rep01', 'Customer prefers SMS.', $2, $3)`,
        [id, AT + 1, clientId],
      );
    await note('n1', 'action-1');
    // A note is written once per action id.
    await expect(note('n2', 'action-1')).rejects.toMatchObject({ code: '23505' });

    await db.query(
      `insert into applied_actions (id, user_id, conversation_id, type, created_at) values ('action-1', 'rep01', 'conv-1', 'note', $1)`,
      [AT + 1],
    );
    await expect(
      db.query(
        `insert into applied_actions (id, user_id, conversation_id, type, created_at) values ('action-1', 'rep01', 'conv-1', 'note', $1)`,
        [AT + 2],
      ),
    ).rejects.toMatchObject({ code: '23505' });
    const [applied] = await db.query<{ seq: string | number; result: unknown }>(
      `select seq, result from applied_actions where id = 'action-1'`,
    );
    expect({ seq: Number(applied?.seq), result: applied?.result }).toEqual({ seq: 0, result: null });

    await db.query(
      `insert into changes (team_id, kind, entity_id, payload, created_at, action_id)
       values ('orders', 'note', 'n1', '{"id":"n1"}', $1, 'action-1')`,
      [AT + 1],
    );
    expect(await db.query(`select entity_id from changes where action_id = 'action-1'`)).toEqual([{ entity_id: 'n1' }]);

    // Notes go with their conversation.
    await db.query(`delete from messages where conversation_id = 'conv-1'`);
    await db.query(`delete from conversations where id = 'conv-1'`);
    expect(await db.query(`select 1 from notes`)).toEqual([]);

    const indexes = await db.query<{ indexname: string }>(
      `select indexname from pg_indexes where tablename in ('conversations', 'notes', 'changes') order by indexname`,
    );
    expect(indexes.map((row) => row.indexname)).toEqual(
      expect.arrayContaining(['conversations_snoozed', 'notes_conversation', 'changes_action']),
    );
  });
});
