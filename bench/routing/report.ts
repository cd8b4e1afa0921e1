// The routing bench's table and where its results go: a full-size run writes bench/results/routing.json
// (the committed record), a smaller one routing-smoke.json, so a smoke run never overwrites the record.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODES } from './measure';
import type { RoutingFigures } from './measure';

export const FULL_SIZE = { conversations: 2_000, reps: 50, rounds: 5 };

export function isFullSize(sizes: { conversations: number; reps: number; rounds: number }): boolean {
  return (
    sizes.conversations >= FULL_SIZE.conversations && sizes.reps >= FULL_SIZE.reps && sizes.rounds >= FULL_SIZE.rounds
  );
}

export function resultsFile(sizes: { conversations: number; reps: number; rounds: number }): string {
  const name = isFullSize(sizes) ? 'routing.json' : 'routing-smoke.json';
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'results', name);
}

export function table(figures: RoutingFigures): string {
  const rows = MODES.map((mode) => {
    const { routing, baseline, ratio } = figures.modes[mode];
    return (
      `| ${mode} | ${routing.assigned} | ${routing.seconds.toFixed(2)} s | ${routing.decisionsPerSecond.toFixed(0)} | ` +
      `${baseline.seconds.toFixed(2)} s | ${baseline.decisionsPerSecond.toFixed(0)} | ${ratio.toFixed(2)} |`
    );
  });
  return [
    `| mode (median of ${figures.rounds} rounds) | assigned | seconds | decisions/s | baseline seconds | baseline decisions/s | ratio |`,
    '| --- | --: | --: | --: | --: | --: | --: |',
    ...rows,
  ].join('\n');
}
