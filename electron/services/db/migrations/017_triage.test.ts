import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { triageBacklog, triageQueued } from '../triage';

describe('migration 017 triage', () => {
  it('queues the conversations cached before that received an inbound message, and they are read after', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 15);
    const insertConversation = db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES (?, 't1', 'cu1', 'sms', NULL, 'open', NULL, 1, 20, 'Hi', 20)`,
    );
    const insertMessage = db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES (?, ?, 'sms', ?, NULL, ?, 10, 'received', NULL)`,
    );
    insertConversation.run('c-in');
    insertMessage.run('m1', 'c-in', 'inbound', 'I want a refund, the jacket arrived torn. Terrible.');
    insertConversation.run('c-out');
    insertMessage.run('m2', 'c-out', 'outbound', 'We are on it.');

    migrate(db, 17);
    expect(schemaVersion(db)).toBe(17);
    expect(triageBacklog(db)).toBe(1);
    expect(triageQueued(db, 100)).toEqual(['c-in']);
    expect(db.prepare('SELECT id, intent, sentiment, urgency FROM conversations ORDER BY id').all()).toEqual([
      { id: 'c-in', intent: 'refund', sentiment: 'negative', urgency: 2 },
      { id: 'c-out', intent: null, sentiment: null, urgency: 0 },
    ]);
    db.close();
  });
});
