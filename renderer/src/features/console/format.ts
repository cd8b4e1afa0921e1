// How the console writes durations and rates.
const MINUTE = 60_000;

/** "45 s", "12 min", "3.5 h", "—" when there is nothing to measure. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < 60 * MINUTE) return `${Math.round(ms / MINUTE)} min`;
  return `${(ms / (60 * MINUTE)).toFixed(1)} h`;
}

/** "64 %", or "—" out of nothing. */
export function formatRate(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)} %`;
}

/** Replies sent while suggestions were offered, and how many of them sent one as written or edited. */
export function suggestionSummary(use: { unchanged: number; edited: number; ignored: number }): {
  offered: number;
  used: string;
  words: string;
} {
  const offered = use.unchanged + use.edited + use.ignored;
  return {
    offered,
    used: formatRate(use.unchanged + use.edited, offered),
    words: `${use.unchanged} sent as written, ${use.edited} edited, ${use.ignored} ignored`,
  };
}
