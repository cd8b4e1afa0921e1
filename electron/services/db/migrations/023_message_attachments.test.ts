import { describe, expect, it } from 'vitest';
import { getConversation } from '../conversations';
import { upsertMessage } from '../messages';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';

describe('migration 023 message attachments', () => {
  it('keeps version-22 messages without attachments, and stores the ones a later message brings', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 22);
    db.prepare(
      `INSERT INTO conversations (id, customer_id, channel, status, assignee_id, team_id, last_message_at, last_message_preview, created_at)
       VALUES ('c1', 'cu1', 'sms', 'open', NULL, 't1', 1, 'Hi', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES ('m1', 'c1', 'sms', 'inbound', NULL, 'Hi', 1, 'received', NULL)`,
    ).run();

    migrate(db);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(23);
    const photo = {
      url: 'https://media.example/p.jpg',
      providerMediaId: null,
      contentType: 'image/jpeg',
      size: 2048,
      filename: null,
    };
    upsertMessage(db, {
      id: 'm2',
      conversationId: 'c1',
      channel: 'sms',
      direction: 'inbound',
      authorId: null,
      body: '',
      createdAt: 2,
      status: 'received',
      clientId: null,
      attachments: [photo],
    });
    const messages = getConversation(db, 'c1').messages;
    expect(messages.map((m) => [m.id, m.attachments])).toEqual([
      ['m1', undefined],
      ['m2', [photo]],
    ]);
  });
});
