import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../../shared/domain/sla';
import type { SlaPolicy } from '../../../shared/domain/sla';
import { LONDON_SLA as FAST } from '../../../shared/domain/sla-testing';
import { createSlaWatch } from '../api/sla-watch';
import { changes, conversation, customer, team, user } from '../testing/fixtures';
import { applyChanges } from './changes';
import { openCache } from './open';
import { listTeams } from './people';
import { openSubjects } from './sla';

const MIN = 60_000;
/** Monday 2026-12-07, 10:00 UTC. */
const MONDAY_10 = Date.UTC(2026, 11, 7, 10);

const withSla = (id: string, sla: SlaPolicy | null) => ({
  kind: 'team' as const,
  data: { id, name: `Team ${id}`, sla },
});

/** Team t1 sets its own policy, t2 keeps the default; each has a conversation waiting since 10:00 on X. */
function seeded() {
  const db = openCache(':memory:');
  applyChanges(
    db,
    changes(
      withSla('t1', FAST),
      team('t2'),
      user('lead', { role: 'lead', teamIds: ['t1', 't2'] }),
      customer('cu1'),
      conversation('c1', { teamId: 't1', createdAt: MONDAY_10, waitingSince: MONDAY_10, lastMessageAt: MONDAY_10 }),
      conversation('c2', { teamId: 't2', createdAt: MONDAY_10, waitingSince: MONDAY_10, lastMessageAt: MONDAY_10 }),
    ),
  );
  return db;
}

const dueOf = (db: ReturnType<typeof seeded>) =>
  Object.fromEntries(openSubjects(db, ['t1', 't2']).map((subject) => [subject.id, subject.due?.dueAt]));

describe("each team's service levels in the cache", () => {
  it("keeps a team's policy from its change, lists it with the team, and computes its conversations' due times with it", () => {
    const db = seeded();
    expect(listTeams(db, ['t1', 't2'])).toEqual([
      { id: 't1', name: 'Team t1', sla: FAST },
      { id: 't2', name: 'Team t2', sla: null },
    ]);
    expect(dueOf(db)).toEqual({ c1: MONDAY_10 + 20 * MIN, c2: MONDAY_10 + 60 * MIN });
  });

  it("recomputes due times when the team's policy changes or goes back to the default", () => {
    const db = seeded();
    expect(dueOf(db).c1).toBe(MONDAY_10 + 20 * MIN);
    applyChanges(
      db,
      changes(
        withSla('t1', {
          ...FAST,
          targets: { x: { ...FAST.targets.x!, first_response: { urgent: 5, high: 10, normal: 45 } } },
        }),
      ),
    );
    expect(dueOf(db).c1).toBe(MONDAY_10 + 45 * MIN);
    applyChanges(db, changes(withSla('t1', null)));
    expect(dueOf(db).c1).toBe(MONDAY_10 + 60 * MIN);
    expect(listTeams(db, ['t1'])[0]?.sla).toBeNull();
  });

  it("alerts a lead at the team's own breach time, not the default's", () => {
    const db = seeded();
    let now = MONDAY_10 + 21 * MIN;
    const watch = createSlaWatch({
      db,
      clock: () => now,
      user: () => ({ id: 'lead', name: 'Lena', email: 'lena@example.com', role: 'lead', teamIds: ['t1', 't2'] }),
      emit: () => undefined,
      log: () => undefined,
    });
    expect(watch.check().map((breach) => breach.conversationId)).toEqual(['c1']);
    now = MONDAY_10 + 61 * MIN;
    expect(watch.check().map((breach) => breach.conversationId)).toEqual(['c2']);
  });

  it('keeps the default for a stored policy this version cannot read', () => {
    const db = seeded();
    db.prepare("UPDATE teams SET sla = '{\"calendar\":{}}' WHERE id = 't1'").run();
    expect(listTeams(db, ['t1'])[0]?.sla).toBeNull();
    expect(dueOf(db).c1).toBe(MONDAY_10 + 60 * MIN);
    expect(DEFAULT_SLA_POLICY.targets.x.first_response.normal).toBe(60);
  });
});
