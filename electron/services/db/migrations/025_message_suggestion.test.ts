import { describe, expect, it } from 'vitest';
import { getConversation } from '../conversations';
import { upsertMessage } from '../messages';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';

describe('migration 025 message suggestion', () => {
  it('keeps version-24 messages with no outcome, and stores the outcome a later reply brings', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 24);
    db.prepare(
      `INSERT INTO conversations (id, customer_id, channel, status, assignee_id, team_id, last_message_at, last_message_preview, created_at)
       VALUES ('c1', 'cu1', 'sms', 'open', NULL, 't1', 1, 'Hi', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES ('m1', 'c1', 'sms', 'outbound', 'u1', 'Hello', 1, 'sent', NULL)`,
    ).run();

    migrate(db);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(25);
    upsertMessage(db, {
      id: 'm2',
      conversationId: 'c1',
      channel: 'sms',
      direction: 'outbound',
      authorId: 'u1',
      body: 'It arrives Friday.',
      createdAt: 2,
      status: 'sent',
      clientId: null,
      suggestion: 'edited',
    });
    expect(getConversation(db, 'c1').messages.map((m) => [m.id, m.suggestion])).toEqual([
      ['m1', undefined],
      ['m2', 'edited'],
    ]);
  });
});
