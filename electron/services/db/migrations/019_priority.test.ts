import { describe, expect, it } from 'vitest';
import { storeServerConversation } from '../conversation-state';
import { getConversation, getConversationSummary } from '../conversations';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { conversationData } from '../../testing/fixtures';

describe('migration 019 priority', () => {
  it('keeps version-18 conversations automatic, and stores and clears a priority a person set after', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 18);
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES ('old', 't1', 'cu1', 'sms', NULL, 'open', 'ben', 1, 20, 'Hi', 20)`,
    ).run();

    migrate(db, 19);
    expect(schemaVersion(db)).toBe(19);
    migrate(db);
    expect(getConversation(db, 'old').conversation.priority).toBeUndefined();
    expect(getConversation(db, 'old').conversation.lastMessagePreview).toBe('Hi');

    storeServerConversation(db, conversationData('new', { priority: 'high' }), 5, false);
    expect(getConversationSummary(db, 'new')?.priority).toBe('high');
    expect(getConversation(db, 'new').conversation.priority).toBe('high');

    // A later version without one (returned to automatic) clears it.
    storeServerConversation(db, conversationData('new'), 6, false);
    expect(getConversationSummary(db, 'new')?.priority).toBeUndefined();
    db.close();
  });
});
