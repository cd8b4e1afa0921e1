import { describe, expect, it } from 'vitest';
import { getConversation } from '../conversations';
import { upsertMessage } from '../messages';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { messageData } from '../../testing/fixtures';

describe('migration 015 message status error', () => {
  it('keeps version-14 messages without a reason, and keeps the reason of a reply that failed after', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 14);
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES ('c1', 't1', 'cu1', 'sms', NULL, 'open', NULL, 1, 20, 'Hi', 20)`,
    ).run();
    db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES ('old', 'c1', 'sms', 'outbound', NULL, 'Before', 10, 'failed', NULL)`,
    ).run();

    migrate(db, 15);
    expect(schemaVersion(db)).toBe(15);
    // Today's repositories read today's schema: what this version kept must survive the later ones too.
    migrate(db);
    const failed = {
      ...messageData('new', { conversationId: 'c1', direction: 'outbound', body: 'After' }),
      status: 'failed' as const,
    };
    upsertMessage(db, {
      ...failed,
      createdAt: 30,
      statusError: { code: '30007', text: 'Carrier filtered the message' },
    });
    const messages = getConversation(db, 'c1').messages;
    expect(messages.map((m) => [m.id, m.status, m.statusError])).toEqual([
      ['old', 'failed', undefined],
      ['new', 'failed', { code: '30007', text: 'Carrier filtered the message' }],
    ]);
    // Sent again and delivered: the reason goes with the failure.
    upsertMessage(db, { ...failed, createdAt: 30, status: 'delivered' });
    expect(getConversation(db, 'c1').messages.find((m) => m.id === 'new')?.statusError).toBeUndefined();
    db.close();
  });
});
