// The suggestion bench's table and where its results go: a full-size run writes bench/results/suggest.json
// (the committed record), a smaller one suggest-smoke.json, so a smoke run never overwrites the record.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserFigures } from './browser';
import type { EngineFigures } from './measure';

export interface SuggestSizes {
  cacheConversations: number;
  messages: number;
  conversations: number;
  runs: number;
  /** Conversations timed in Chromium; 0 with --no-browser. */
  browserRuns: number;
}

export const FULL_SIZE: SuggestSizes = {
  cacheConversations: 5_000,
  messages: 100_000,
  conversations: 200,
  runs: 5_000,
  browserRuns: 60,
};

export function isFullSize(sizes: SuggestSizes): boolean {
  return (Object.keys(FULL_SIZE) as (keyof SuggestSizes)[]).every((key) => sizes[key] >= FULL_SIZE[key]);
}

export function resultsFile(sizes: SuggestSizes): string {
  const name = isFullSize(sizes) ? 'suggest.json' : 'suggest-smoke.json';
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'results', name);
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 3 : 1)} ms`;

export function table(engine: EngineFigures, browser: BrowserFigures | null, load: string): string {
  const rows: string[][] = [
    ['', 'p50', 'p95', ''],
    [
      'engine: suggestions:forConversation',
      ms(engine.suggestion.p50),
      ms(engine.suggestion.p95),
      `${engine.runs} calls over ${engine.conversations} conversations`,
    ],
    ['engine: raw open-conversation read', ms(engine.raw.p50), ms(engine.raw.p95), 'same conversations, interleaved'],
    ['suggestion ÷ raw', engine.ratio.p50.toFixed(2), engine.ratio.p95.toFixed(2), ''],
  ];
  if (browser) {
    const measured = browser.conversations - browser.withoutSuggestion.length;
    rows.push(
      ['Chromium: key → messages on screen', ms(browser.messages.p50), ms(browser.messages.p95), ''],
      [
        'Chromium: key → first suggestion',
        ms(browser.suggestion.p50),
        ms(browser.suggestion.p95),
        `${measured} conversations (${browser.withoutSuggestion.length} without a suggestion left out)`,
      ],
      ['suggestion − messages', ms(browser.difference.p50), ms(browser.difference.p95), 'of the percentiles'],
      ['  per conversation', ms(browser.gap.p50), ms(browser.gap.p95), 'each one’s suggestion − its messages'],
      ['suggestion ÷ messages', browser.ratio.p50.toFixed(2), browser.ratio.p95.toFixed(2), ''],
    );
  }
  rows.push(['load average (before / after)', load, '', '']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
