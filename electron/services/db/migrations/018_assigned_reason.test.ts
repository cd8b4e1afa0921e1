import { describe, expect, it } from 'vitest';
import type { AssignedReason } from '../../../../shared/domain/routing';
import { storeServerConversation } from '../conversation-state';
import { getConversation } from '../conversations';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { upsertUser } from '../people';
import { conversationData } from '../../testing/fixtures';

const ROUTED: AssignedReason = {
  kind: 'routed',
  at: 3_000,
  mode: 'fewest_open',
  open: 3,
  skipped: [{ userId: 'ana', why: 'away' }],
};

describe('migration 018 assigned reason', () => {
  it('keeps version-17 conversations without a reason, and keeps routing’s reason (with the names it cites) after', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 17);
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES ('old', 't1', 'cu1', 'sms', NULL, 'open', 'ben', 1, 20, 'Hi', 20)`,
    ).run();

    migrate(db, 18);
    expect(schemaVersion(db)).toBe(18);
    migrate(db);
    expect(getConversation(db, 'old').conversation.assignedReason).toBeUndefined();

    upsertUser(db, { id: 'ana', name: 'Ana', email: 'ana@example.com', role: 'rep', teamIds: ['t1'] });
    storeServerConversation(db, conversationData('new', { assigneeId: 'ben', assignedReason: ROUTED }), 5, false);
    const detail = getConversation(db, 'new');
    expect(detail.conversation.assignedReason).toEqual(ROUTED);
    expect(detail.authors.ana).toEqual({ id: 'ana', name: 'Ana' });

    // A later version without a reason (a person reassigned it) clears it.
    storeServerConversation(db, conversationData('new', { assigneeId: 'cy' }), 6, false);
    expect(getConversation(db, 'new').conversation.assignedReason).toBeUndefined();
    db.close();
  });
});
