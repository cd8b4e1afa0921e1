import { describe, expect, it } from 'vitest';
import { getConversation } from '../conversations';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';

describe('migration 014 link suggestions', () => {
  it('keeps version-13 conversations, with no suggestions, and reads suggestions written after', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 13);
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES ('c1', 't1', 'cu1', 'x', NULL, 'open', NULL, 1, 20, 'Hi', 20)`,
    ).run();

    migrate(db, 14);
    expect(schemaVersion(db)).toBe(14);
    // Today's repositories read today's schema: what this version kept must survive the later ones too.
    migrate(db);
    const before = getConversation(db, 'c1').conversation;
    expect(before).toMatchObject({ id: 'c1', lastMessagePreview: 'Hi' });
    expect(before.linkSuggestions).toBeUndefined();
    const suggestion = {
      customerId: 'cu2',
      customerName: 'Ana',
      confidence: 0.7,
      evidence: [{ kind: 'order', value: '#1', messageId: 'm1' }],
      state: 'open',
      suggestedAt: 5,
    };
    db.prepare('UPDATE conversations SET link_suggestions = ? WHERE id = ?').run(JSON.stringify([suggestion]), 'c1');
    expect(getConversation(db, 'c1').conversation.linkSuggestions).toEqual([suggestion]);
    db.close();
  });
});
