import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { listPending, listRejected } from '../outbox';

describe('migration 005 actions', () => {
  it('turns queued and failed replies into ordered actions, keeping their local messages', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 4);
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES ('c1', 't1', 'cu1', 'sms', NULL, 'open', 'u7', 1, 2, 'Hi', NULL)`,
    ).run();
    const outbox = db.prepare(
      `INSERT INTO outbox (client_id, message_id, conversation_id, body, created_at, state, attempts, last_error)
       VALUES (?, ?, 'c1', ?, ?, ?, ?, ?)`,
    );
    // Inserted out of time order: the new queue keeps the order they were written in (created_at).
    outbox.run('key-b', 'local-b', 'Second', 20, 'pending', 0, null);
    outbox.run('key-a', 'local-a', 'First', 10, 'pending', 2, null);
    outbox.run('key-c', 'local-c', 'Refused', 15, 'failed', 1, 'This conversation no longer exists.');

    migrate(db, 5);
    expect(schemaVersion(db)).toBe(5);
    expect(listPending(db).map((e) => [e.id, e.localId, e.attempts, e.action])).toEqual([
      ['key-a', 'local-a', 2, { type: 'reply', conversationId: 'c1', seenAssigneeId: 'u7', body: 'First' }],
      ['key-b', 'local-b', 0, { type: 'reply', conversationId: 'c1', seenAssigneeId: 'u7', body: 'Second' }],
    ]);
    expect(listRejected(db).map((e) => [e.id, e.reason, e.rejectedAt])).toEqual([
      ['key-c', 'This conversation no longer exists.', 15],
    ]);
    // Read as version 5 stores it (later migrations change how pending actions are counted).
    expect(db.prepare("SELECT tags, snoozed_until FROM conversations WHERE id = 'c1'").get()).toEqual({
      tags: '[]',
      snoozed_until: null,
    });
    expect(
      db.prepare("SELECT count(*) FROM outbox WHERE conversation_id = 'c1' AND state = 'pending'").pluck().get(),
    ).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'outbox_replies'").all()).toEqual([]);
    db.close();
  });
});
