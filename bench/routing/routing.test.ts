import { describe, expect, it } from 'vitest';
import { MODES, measureRouting } from './measure';
import { isFullSize, resultsFile, table } from './report';

// PostgreSQL is needed (the bench seeds a template database there); CAREDESK_SKIP_POSTGRES=1 skips it, as the server's suites do.
describe.skipIf(process.env.CAREDESK_SKIP_POSTGRES === '1')('routing bench, small', () => {
  it('assigns every queued conversation on both sides in both modes, and reports each', async () => {
    const figures = await measureRouting({ conversations: 30, reps: 8, rounds: 2 });
    expect(Object.keys(figures.modes)).toEqual([...MODES]);
    for (const mode of MODES) {
      const measured = figures.modes[mode];
      expect(measured.rounds).toHaveLength(2);
      for (const { routing, baseline } of measured.rounds) {
        expect(routing.assigned).toBe(30);
        expect(baseline.assigned).toBe(30);
        expect(routing.seconds).toBeGreaterThan(0);
        expect(baseline.seconds).toBeGreaterThan(0);
      }
      expect(measured.ratio).toBeCloseTo(measured.routing.decisionsPerSecond / measured.baseline.decisionsPerSecond);
    }
    expect(table(figures).split('\n')).toHaveLength(2 + MODES.length);
  }, 120_000);
});

describe('routing bench results', () => {
  it('a full-size run writes the committed file; a smaller one never does', () => {
    expect(isFullSize({ conversations: 2_000, reps: 50, rounds: 5 })).toBe(true);
    expect(isFullSize({ conversations: 500, reps: 50, rounds: 5 })).toBe(false);
    expect(isFullSize({ conversations: 2_000, reps: 50, rounds: 3 })).toBe(false);
    expect(resultsFile({ conversations: 2_000, reps: 50, rounds: 5 })).toMatch(/bench\/results\/routing\.json$/);
    expect(resultsFile({ conversations: 30, reps: 8, rounds: 2 })).toMatch(/bench\/results\/routing-smoke\.json$/);
  });
});
