import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';

describe('migration 003 conversation counts', () => {
  it('counts the conversations already in a version-2 cache', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 2);
    const insert = db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES (?, ?, 'cu1', ?, NULL, ?, ?, 1, 2, '', NULL)`,
    );
    insert.run('c1', 't1', 'sms', 'open', null);
    insert.run('c2', 't1', 'sms', 'open', null);
    insert.run('c3', 't1', 'sms', 'open', 'u1');
    insert.run('c4', 't2', 'x', 'closed', 'u1');

    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(
      db.prepare('SELECT team_id, assignee_id, channel, status, n FROM conversation_counts ORDER BY 1, 2').all(),
    ).toEqual([
      { team_id: 't1', assignee_id: '', channel: 'sms', status: 'open', n: 2 },
      { team_id: 't1', assignee_id: '*', channel: 'sms', status: 'open', n: 3 },
      { team_id: 't1', assignee_id: 'u1', channel: 'sms', status: 'open', n: 1 },
      { team_id: 't2', assignee_id: '*', channel: 'x', status: 'closed', n: 1 },
      { team_id: 't2', assignee_id: 'u1', channel: 'x', status: 'closed', n: 1 },
    ]);
    db.close();
  });
});
