// `npm run bench:suggest`: suggestion latency with the customer's record loaded, next to the raw
// open-conversation read in the engine, and key → suggestion on screen next to key → messages on
// screen in Chromium (README.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureBrowser } from './browser';
import type { BrowserFigures } from './browser';
import { buildCache, pickConversations, suggestionCall } from './engine';
import { measureEngine } from './measure';
import type { EngineFigures } from './measure';
import { newestMessageAt, rawOpenReader } from './raw';
import { FULL_SIZE, isFullSize, resultsFile, table } from './report';
import type { SuggestSizes } from './report';

const { values } = parseArgs({
  options: {
    'cache-conversations': { type: 'string', default: String(FULL_SIZE.cacheConversations) },
    messages: { type: 'string', default: String(FULL_SIZE.messages) },
    conversations: { type: 'string', default: String(FULL_SIZE.conversations) },
    runs: { type: 'string', default: String(FULL_SIZE.runs) },
    'browser-runs': { type: 'string', default: String(FULL_SIZE.browserRuns) },
    'no-browser': { type: 'boolean', default: false },
  },
});
const sizes: SuggestSizes = {
  cacheConversations: Number(values['cache-conversations']),
  messages: Number(values.messages),
  conversations: Number(values.conversations),
  runs: Number(values.runs),
  browserRuns: values['no-browser'] ? 0 : Number(values['browser-runs']),
};
const ENGINE_WARMUP = 200;
const BROWSER = { warmup: 3, settleMs: 500 };
const log = (text: string) => process.stdout.write(`${text}\n`);
const root = resolve(import.meta.dirname, '../..');

const loadBefore = loadavg()[0] ?? 0;
log(
  `Caredesk suggestion bench: a cache of ${sizes.cacheConversations.toLocaleString('en')} conversations and ` +
    `${sizes.messages.toLocaleString('en')} messages, ${sizes.runs.toLocaleString('en')} calls over ` +
    `${sizes.conversations} of them; ${sizes.browserRuns > 0 ? `${sizes.browserRuns} conversations in Chromium` : 'no browser'} ` +
    `(load average ${loadBefore.toFixed(2)} on ${cpus().length} cores)`,
);

/** The engine side on a cache of its own, removed afterwards. */
async function timeEngine(): Promise<EngineFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-suggest-'));
  try {
    log('Building the cache through applyPage…');
    const cacheSizes = { conversations: sizes.cacheConversations, messages: sizes.messages };
    const db = buildCache(join(dir, 'cache.db'), cacheSizes);
    try {
      const conversationIds = pickConversations(db, cacheSizes, sizes.conversations);
      // An hour after the newest message, as if the rep were answering it now.
      const suggest = suggestionCall(db, newestMessageAt(db) + 3_600_000);
      log(`Timing ${sizes.runs.toLocaleString('en')} suggestion calls and raw reads, interleaved…`);
      return await measureEngine({
        conversationIds,
        suggest,
        raw: rawOpenReader(db),
        runs: sizes.runs,
        warmup: ENGINE_WARMUP,
      });
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const engine = await timeEngine();

let browser: BrowserFigures | null = null;
if (sizes.browserRuns > 0) {
  if (!existsSync(join(root, 'out/renderer/index.html'))) {
    log('No built renderer in out/renderer: building it (npx electron-vite build)…');
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  } else {
    log('Using the renderer built in out/renderer (run `npx electron-vite build` first if it changed).');
  }
  browser = await measureBrowser({ count: sizes.browserRuns, ...BROWSER }, log);
}

const loadAfter = loadavg()[0] ?? 0;
log('');
log(table(engine, browser, `${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}`));

const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const out = resultsFile(sizes);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      full: isFullSize(sizes),
      at: new Date().toISOString(),
      commit,
      node: process.version,
      sizes,
      engine,
      browser: browser && { ...browser, settleMs: BROWSER.settleMs },
      loadAverage: { before: loadBefore, after: loadAfter },
    },
    null,
    2,
  )}\n`,
);
log(`\nWritten to ${out}`);
