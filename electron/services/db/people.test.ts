import { describe, expect, it } from 'vitest';
import { changes, conversation, customer, message, team, user } from '../testing/fixtures';
import { applyChanges } from './changes';
import { consoleOverview } from './console';
import { getConversation, listConversations } from './conversations';
import { openCache } from './open';
import { getUser, listMembers } from './people';

const NOW = Date.UTC(2026, 11, 6, 12);

/** Team t1: Ana (active), Ben (deactivated, still holding c1, where he replied) and Cy (deactivated, holding nothing). */
function seeded() {
  const db = openCache(':memory:');
  applyChanges(
    db,
    changes(
      team('t1'),
      user('u1', { name: 'Ana' }),
      user('u2', { name: 'Ben', active: false }),
      user('u3', { name: 'Cy', active: false }),
      customer('cu1'),
      conversation('c1', { assigneeId: 'u2', waitingSince: NOW - 60_000, lastMessageAt: NOW - 60_000 }),
      message('m1', { conversationId: 'c1', createdAt: NOW - 120_000 }),
      message('m2', {
        conversationId: 'c1',
        direction: 'outbound',
        authorId: 'u2',
        status: 'sent',
        createdAt: NOW - 90_000,
      }),
    ),
  );
  return db;
}

describe('deactivated users', () => {
  it('are not offered as members, yet the conversations they hold and wrote in still name them', () => {
    const db = seeded();
    expect(listMembers(db, 't1').map((m) => m.id)).toEqual(['u1']);
    expect(getUser(db, 'u2')).toMatchObject({ id: 'u2', active: false });

    const listed = listConversations(db, { userId: 'u1', userTeamIds: ['t1'], filter: 'all', limit: 50 }).items;
    expect(listed.map((c) => [c.id, c.assigneeName])).toEqual([['c1', 'Ben']]);
    expect(getConversation(db, 'c1').authors).toEqual({ u2: { id: 'u2', name: 'Ben' } });
    db.close();
  });

  it("show in the console's rep load, marked, only while they hold open conversations", () => {
    const db = seeded();
    const { reps } = consoleOverview(db, { teamIds: ['t1'], days: 7, tzOffsetMinutes: 0, assignee: null, now: NOW });
    expect(reps.map((r) => [r.userId, r.open, r.deactivated ?? false])).toEqual([
      ['u1', 0, false],
      ['u2', 1, true],
    ]);
    db.close();
  });

  it('are offered again once a later change says they are active', () => {
    const db = seeded();
    applyChanges(db, changes(user('u2', { name: 'Ben', active: true })));
    expect(listMembers(db, 't1').map((m) => m.id)).toEqual(['u1', 'u2']);
    expect(getUser(db, 'u2')?.active).toBe(true);
    db.close();
  });
});
