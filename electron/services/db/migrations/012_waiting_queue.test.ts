import { describe, expect, it } from 'vitest';
import { listConversations } from '../conversations';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';

describe('migration 012 waiting queue', () => {
  it('keeps version-11 conversations and lists the waiting ones first, longest wait first, from its indexes', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 11);
    const insert = db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES (?, 't1', 'cu1', 'sms', NULL, ?, NULL, 1, ?, '', ?)`,
    );
    insert.run('c-new', 'open', 50, 40);
    insert.run('c-old', 'pending', 30, 10);
    insert.run('c-answered', 'open', 60, null);
    insert.run('c-closed', 'closed', 70, 5);

    migrate(db, 12);
    expect(schemaVersion(db)).toBe(12);
    // Today's repositories read today's schema: what this version kept must survive the later ones too.
    migrate(db);
    const page = listConversations(db, {
      userId: 'u1',
      userTeamIds: ['t1'],
      filter: 'all',
      sort: 'waiting',
      limit: 10,
    });
    expect(page.items.map((c) => c.id)).toEqual(['c-old', 'c-new', 'c-closed', 'c-answered']);
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'conversations_waiting%' ORDER BY name",
        )
        .all(),
    ).toEqual([
      { name: 'conversations_waiting' },
      { name: 'conversations_waiting_assignee' },
      { name: 'conversations_waiting_team' },
    ]);
    db.close();
  });
});
