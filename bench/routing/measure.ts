// Routing's decisions per second next to the same writes alone, each on its own fresh copy of the
// same seeded database, alternating which side goes first from round to round (README.md).
import type { RoutingMode } from '../../shared/domain/routing';
import { leftAndSkipped, rotateAll, routeAll } from './passes';
import type { Timed } from './passes';
import { TEAM, seedRouting } from './seed';
import type { Sizes } from './seed';

export const MODES = ['fewest_open', 'round_robin'] as const satisfies readonly RoutingMode[];
export type MeasuredMode = (typeof MODES)[number];

export interface Side {
  assigned: number;
  seconds: number;
  decisionsPerSecond: number;
}

export interface ModeFigures {
  /** Each round's routing and baseline; the headline sides are the rounds' median ones (lower middle if even). */
  rounds: { routing: Side; baseline: Side }[];
  routing: Side;
  baseline: Side;
  /** Routing's median rate / the baseline's median rate. */
  ratio: number;
  /** Reps listed as passed over per routing reason, on average (the baseline's reasons list none). */
  skippedPerReason: number;
}

export interface RoutingFigures extends Sizes {
  rounds: number;
  modes: Record<MeasuredMode, ModeFigures>;
}

function side(timed: Timed): Side {
  const seconds = timed.ms / 1000;
  return { assigned: timed.assigned, seconds, decisionsPerSecond: timed.assigned / seconds };
}

/** The round whose rate is the median one (the lower middle for an even count). */
function medianSide(sides: readonly Side[]): Side {
  const sorted = [...sides].sort((a, b) => a.decisionsPerSecond - b.decisionsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? { assigned: 0, seconds: 0, decisionsPerSecond: 0 };
}

export async function measureRouting(
  sizes: Sizes & { rounds: number },
  log: (text: string) => void = () => undefined,
): Promise<RoutingFigures> {
  // Every conversation began before `now`, the whole queue's wait behind it.
  const now = Date.now();
  log(`Seeding ${sizes.reps} reps and ${sizes.conversations} queued conversations…`);
  const seeded = await seedRouting(sizes, now);
  const onCopy = async <T>(fn: (copy: Awaited<ReturnType<typeof seeded.copy>>) => Promise<T>): Promise<T> => {
    const copy = await seeded.copy();
    try {
      return await fn(copy);
    } finally {
      await copy.drop();
    }
  };
  try {
    const modes = {} as Record<MeasuredMode, ModeFigures>;
    for (const mode of MODES) {
      // Untimed: the code paths compiled and the statements planned once before the timed rounds.
      const warm = await onCopy(({ db }) => routeAll(db, TEAM, seeded.repIds, mode, now));
      await onCopy(({ db }) => rotateAll(db, TEAM, seeded.repIds, mode, warm.batches, now));
      const rounds: ModeFigures['rounds'] = [];
      let skippedPerReason = 0;
      for (let round = 0; round < sizes.rounds; round++) {
        const routed = () =>
          onCopy(async ({ db }) => {
            const timed = await routeAll(db, TEAM, seeded.repIds, mode, now);
            const after = await leftAndSkipped(db, TEAM);
            skippedPerReason = after.skippedPerReason;
            return check(timed, after.queued, 'routing');
          });
        const rotated = () =>
          onCopy(async ({ db }) => {
            const timed = await rotateAll(db, TEAM, seeded.repIds, mode, warm.batches, now);
            return check(timed, (await leftAndSkipped(db, TEAM)).queued, 'baseline');
          });
        // Alternate which side runs first, so a slow start or a busy neighbour does not favour one side.
        let routing: Timed;
        let baseline: Timed;
        if (round % 2 === 0) {
          routing = await routed();
          baseline = await rotated();
        } else {
          baseline = await rotated();
          routing = await routed();
        }
        rounds.push({ routing: side(routing), baseline: side(baseline) });
        log(
          `  ${mode}, round ${round + 1}: routing ${side(routing).decisionsPerSecond.toFixed(0)}/s, ` +
            `baseline ${side(baseline).decisionsPerSecond.toFixed(0)}/s`,
        );
      }
      const routing = medianSide(rounds.map((r) => r.routing));
      const baseline = medianSide(rounds.map((r) => r.baseline));
      modes[mode] = {
        rounds,
        routing,
        baseline,
        ratio: routing.decisionsPerSecond / baseline.decisionsPerSecond,
        skippedPerReason,
      };
    }
    return { ...sizes, modes };
  } finally {
    await seeded.drop();
  }

  function check(timed: Timed, queued: number, what: string): Timed {
    if (timed.assigned !== sizes.conversations || queued !== 0) {
      throw new Error(`${what} assigned ${timed.assigned} of ${sizes.conversations} (${queued} left in the queue)`);
    }
    return timed;
  }
}
