// The chaos harness at CI size: 1,000 actions under partitions and kill -9s of server and engines.
import { describe, expect, it } from 'vitest';
import { SUPPORTED_TYPES } from '../../scripts/chaos/contract';
import { passed, runChaos } from '../../scripts/chaos/harness';
import { createRandom } from '../../scripts/chaos/random';
import { formatReport } from '../../scripts/chaos/report';
import { defaultFaultCounts, planFaults } from '../../scripts/chaos/schedule';
import { planWorkload } from '../../scripts/chaos/workload';
import type { TeamConversation } from '../../scripts/chaos/workload';

const USERS = ['user-rep01', 'user-rep02', 'user-rep03'];
const CONVERSATIONS: TeamConversation[] = Array.from({ length: 60 }, (_, i) => ({
  id: `conv-${String(i).padStart(6, '0')}`,
  assigneeId: i % 3 === 0 ? null : 'user-rep04',
  status: i % 4 === 0 ? 'closed' : 'open',
  tags: [],
}));

function plan(seed: number) {
  const random = createRandom(seed);
  return {
    workload: planWorkload({
      random: random.fork('workload'),
      actions: 1000,
      engineUsers: USERS,
      conversations: CONVERSATIONS,
      types: SUPPORTED_TYPES,
    }),
    faults: planFaults(random.fork('faults'), 1000, USERS.length, defaultFaultCounts(1000)),
  };
}

describe('chaos harness', () => {
  it('plans the same workload and fault schedule for the same seed, and another for another seed', () => {
    expect(plan(7)).toEqual(plan(7));
    expect(plan(8)).not.toEqual(plan(7));
    const { workload, faults } = plan(7);
    expect(workload.flat()).toHaveLength(1000);
    expect(new Set(workload.flat().map((p) => p.action.type))).toEqual(new Set(SUPPORTED_TYPES));
    expect(new Set(faults.map((f) => f.kind))).toEqual(
      new Set(['partition', 'server-kill', 'commit-ack-kill', 'engine-kill']),
    );
  });

  // The run needs a real PostgreSQL, as the storage suite does (server/db/testing.ts).
  it.skipIf(process.env.CAREDESK_SKIP_POSTGRES === '1')(
    '1,000 actions through partitions and kill -9s: none lost, duplicated, out of order or unexplained, every effect as planned',
    async () => {
      // Fails (and cleans up) before the test's own timeout would leave the processes behind.
      const report = await runChaos({ actions: 1000, seed: 7, timeoutMs: 100_000 });
      console.log(formatReport(report));
      const { verdict, faults } = report;

      expect(verdict.lost).toEqual([]);
      expect(verdict.duplicated).toEqual([]);
      expect(verdict.outOfOrder).toEqual([]);
      // Content: every reply and note stored with its words, author and conversation, and every
      // conversation change (and final row) what the shared rule makes of the actions in server order.
      expect(verdict.content).toEqual([]);
      expect(verdict.replayed.actions).toBe(verdict.applied + verdict.unreported);
      expect(verdict.unexplained).toEqual([]);
      expect(report.divergences).toEqual([]);
      // An engine commits one action at a time and reports it right after the commit, so a kill -9
      // can hide at most the one it was committing (it is matched to that plan entry, or unexplained).
      expect(verdict.unreported).toBeLessThanOrEqual(faults.engineKills);
      // Every planned assign, status, snooze and tag changes something; one changes nothing only
      // as the reported repeat of an unreported copy (the replay checks it is a no-op there).
      expect(verdict.unchanged).toBeLessThanOrEqual(verdict.unreported);
      expect(passed(report)).toBe(true);
      // Every planned action was queued (an engine killed before reporting one queued it again).
      expect(report.refusedByEngine).toEqual([]);
      expect(report.refusedByServer).toEqual([]);
      expect(verdict.acknowledged).toBe(1000);
      expect(verdict.applied).toBe(1000);
      expect(Object.keys(report.types).sort()).toEqual([...SUPPORTED_TYPES].sort());

      expect(faults.serverKills).toBeGreaterThanOrEqual(1);
      expect(faults.commitAckKills).toBeGreaterThanOrEqual(1);
      expect(faults.missedCommitAckKills).toBe(0);
      expect(faults.partitions).toBeGreaterThanOrEqual(2);
      expect(faults.blackholes).toBeGreaterThanOrEqual(1);
      expect(faults.engineKills).toBeGreaterThanOrEqual(1);
    },
    110_000,
  );
});
