// The sync benchmark's table, its targets, and where its results go: a full run writes
// bench/results/sync.json (the committed record); a smaller one writes sync-smoke.json beside it,
// so a smoke run never overwrites the full one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Summary } from '../stats';

/** The sizes the targets are stated for. */
export const FULL_SIZE = { changes: 100_000, actions: 300 };

export const TARGETS = {
  /** Event-loop delay p99 during the catch-up, in ms: a frame at 60 Hz. */
  eventLoopDelayP99Ms: 16,
  /** Catch-up rate / plain inserts of the same rows. */
  catchUpRatio: 0.5,
  /** Action → ack p50 / echo of the same shape p50. */
  ackP50Ratio: 1.5,
};

export interface SyncFigures {
  changes: number;
  actions: number;
  catchUp: {
    ms: number;
    /** Changes the server sent; rows the engine wrote of them (the baselines write the same rows). */
    sent: number;
    written: number;
    rawMs: number;
    applyMs: number;
    pulls: Summary;
    inbox: Summary;
    busy: number;
    eventLoopDelayMs: { p99: number; max: number };
  };
  ack: { engine: Summary; echo: Summary; endToEnd: Summary };
  loadAverage: { before: number; after: number };
}

export function isFullSize(figures: Pick<SyncFigures, 'changes' | 'actions'>): boolean {
  return figures.changes >= FULL_SIZE.changes && figures.actions >= FULL_SIZE.actions;
}

export function verdicts(f: SyncFigures) {
  const rate = (rows: number, ms: number) => rows / (ms / 1000);
  const catchUpRatio = rate(f.catchUp.written, f.catchUp.ms) / rate(f.catchUp.written, f.catchUp.rawMs);
  const ackRatio = f.ack.engine.p50 / f.ack.echo.p50;
  return {
    catchUpRatio,
    ackRatio,
    eventLoopOk: f.catchUp.eventLoopDelayMs.p99 <= TARGETS.eventLoopDelayP99Ms,
    catchUpOk: catchUpRatio >= TARGETS.catchUpRatio,
    ackOk: ackRatio <= TARGETS.ackP50Ratio,
  };
}

export function formatTable(f: SyncFigures): string {
  const v = verdicts(f);
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const perSecond = (rows: number, took: number) => `${n(rows / (took / 1000))} rows/s`;
  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const { catchUp: c, ack } = f;
  const rows: [string, string, string][] = [
    [
      'rows written by the catch-up',
      `${n(c.written)} rows`,
      `of ${n(c.sent)} changes sent for ${n(f.changes)} log rows: the newest version of each entity per page`,
    ],
    ['catch-up (engine, over the network)', perSecond(c.written, c.ms), `${(c.ms / 1000).toFixed(2)} s`],
    [
      'plain inserts of the same rows',
      perSecond(c.written, c.rawMs),
      `${(c.rawMs / 1000).toFixed(2)} s, same cache and pragmas`,
    ],
    ['catch-up / plain inserts', v.catchUpRatio.toFixed(2), `target ≥ ${TARGETS.catchUpRatio}: ${mark(v.catchUpOk)}`],
    ['engine apply alone, same pages', perSecond(c.written, c.applyMs), 'no network, no parsing'],
    ['pull of one page, send → answer', `p50 ${ms(c.pulls.p50)}`, `p99 ${ms(c.pulls.p99)} (${c.pulls.runs} pulls)`],
    [
      'inbox list every 20 ms, from its due time',
      `p50 ${ms(c.inbox.p50)}`,
      `p99 ${ms(c.inbox.p99)}, max ${ms(c.inbox.max)} (${c.inbox.runs} calls)`,
    ],
    ['engine busy during catch-up', `${(c.busy * 100).toFixed(0)} %`, 'event-loop utilisation'],
    [
      'event-loop delay during catch-up',
      `p99 ${ms(c.eventLoopDelayMs.p99)}`,
      `max ${ms(c.eventLoopDelayMs.max)}; target p99 ≤ ${TARGETS.eventLoopDelayP99Ms} ms: ${mark(v.eventLoopOk)}`,
    ],
    [
      'action → ack (engine socket)',
      `p50 ${ms(ack.engine.p50)}`,
      `p99 ${ms(ack.engine.p99)} (${ack.engine.runs} actions)`,
    ],
    ['echo: one emit, one statement', `p50 ${ms(ack.echo.p50)}`, `p99 ${ms(ack.echo.p99)} (${ack.echo.runs} echoes)`],
    ['action / echo (p50)', v.ackRatio.toFixed(2), `target ≤ ${TARGETS.ackP50Ratio}: ${mark(v.ackOk)}`],
    ['action, API call → acked (incl. local writes)', `p50 ${ms(ack.endToEnd.p50)}`, `p99 ${ms(ack.endToEnd.p99)}`],
    ['load average (before / after)', `${f.loadAverage.before.toFixed(2)} / ${f.loadAverage.after.toFixed(2)}`, ''],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Where a run's results go: the full run's file only for a full-size run. */
export function resultsFile(figures: Pick<SyncFigures, 'changes' | 'actions'>): string {
  const results = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
  return join(results, isFullSize(figures) ? 'sync.json' : 'sync-smoke.json');
}

/** Writes the results; returns the file written. */
export function writeResults(f: SyncFigures, extra: Record<string, unknown>): string {
  const out = resultsFile(f);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ ...extra, fullSize: isFullSize(f), targets: TARGETS, ...f, verdicts: verdicts(f) }, null, 2)}\n`,
  );
  return out;
}
