export interface Summary {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Percentiles of durations in milliseconds (nearest rank). */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { runs: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? 0 };
}

/** Runs `fn` `runs` times after `warmup` untimed runs; returns each run's milliseconds. */
export function time(runs: number, fn: (i: number) => unknown, warmup = 20): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}
