// `npm run bench [-- --conversations 5000 --messages 100000]`: the engine's cache at scale.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { InboxFilter } from '../shared/api';
import type { Channel, ConversationStatus } from '../shared/domain';
import { applyPage } from '../electron/services/db/changes';
import { consoleHistory, consoleOverview } from '../electron/services/db/console';
import { getConversation, listConversations } from '../electron/services/db/conversations';
import { openCache } from '../electron/services/db/open';
import { searchMessages } from '../electron/services/db/search';
import { seededRandom } from '../shared/random';
import { ALL_TEAM_IDS, ME, WORDS, firstSync } from './generate';
import type { Sizes } from './generate';
import { rawInserter } from './raw';
import { summarize, time } from './stats';
import type { Summary } from './stats';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '50000' },
    messages: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '1000' },
    'open-share': { type: 'string' },
  },
});
const sizes: Sizes = {
  conversations: Number(values.conversations),
  messages: Number(values.messages),
  ...(values['open-share'] === undefined ? {} : { openShare: Number(values['open-share']) }),
};
const runs = Number(values.runs);
const TARGETS = { inboxP99: 2, openP95: 16, searchP95: 50, ingestRatio: 0.5 };

const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-'));
const log = (text: string) => process.stdout.write(`${text}\n`);

function ingest(label: string, apply: (page: Parameters<typeof applyPage>[1], cursor: number) => void) {
  let rows = 0;
  let ms = 0;
  for (const page of firstSync(sizes)) {
    const cursor = page.at(-1)?.seq ?? 0;
    const start = process.hrtime.bigint();
    apply(page, cursor);
    ms += Number(process.hrtime.bigint() - start) / 1e6;
    rows += page.length;
  }
  log(`  ${label}: ${rows.toLocaleString('en')} rows in ${(ms / 1000).toFixed(1)} s`);
  return { rows, seconds: ms / 1000, rowsPerSecond: Math.round(rows / (ms / 1000)) };
}

const loadBefore = loadavg()[0] ?? 0;
log(
  `Caredesk engine bench: ${sizes.conversations.toLocaleString('en')} conversations, ${sizes.messages.toLocaleString('en')} messages`,
);
log(`(load average ${loadBefore.toFixed(2)} on ${cpus().length} cores: other processes skew the tails)`);
log('First sync (pages of 1,000, one transaction each):');

// Raw first, in its own file, so both start from an empty, equally cold database.
const rawDb = openCache(join(dir, 'raw.db'));
const insertRaw = rawInserter(rawDb);
const raw = ingest('raw better-sqlite3 inserts (no FTS, no logic)', (page) => insertRaw(page));
rawDb.close();

const dbFile = join(dir, 'cache.db');
const db = openCache(dbFile);
const engine = ingest('engine applyPage (upserts + FTS + denormalisation)', (page, cursor) =>
  applyPage(db, page, cursor),
);
const ratio = engine.rowsPerSecond / raw.rowsPerSecond;
db.pragma('wal_checkpoint(TRUNCATE)');
const sizeMb = statSync(dbFile).size / 1e6;

log('Queries:');
const random = seededRandom(99);
const inbox: Record<string, Summary> = {};
const filters: {
  name: string;
  filter: InboxFilter;
  teamId?: string;
  channel?: Channel;
  status?: ConversationStatus;
}[] = [
  { name: 'all', filter: 'all' },
  { name: 'mine', filter: 'mine' },
  { name: 'unassigned', filter: 'unassigned' },
  { name: 'team (all my teams)', filter: 'team' },
  { name: 'team t1', filter: 'team', teamId: 't1' },
  { name: 'all + open', filter: 'all', status: 'open' },
  { name: 'all + sms + open', filter: 'all', channel: 'sms', status: 'open' },
  { name: 'mine + open', filter: 'mine', status: 'open' },
  { name: 'unassigned + whatsapp', filter: 'unassigned', channel: 'whatsapp' },
  { name: 'team + email + closed', filter: 'team', channel: 'email', status: 'closed' },
];
for (const f of filters) {
  inbox[f.name] = summarize(
    time(runs, () =>
      listConversations(db, {
        userId: ME.id,
        userTeamIds: ME.teamIds,
        filter: f.filter,
        teamId: f.teamId,
        channel: f.channel,
        status: f.status,
        limit: 50,
      }),
    ),
  );
}
const open = summarize(time(runs, () => getConversation(db, `c${Math.floor(random() * sizes.conversations)}`)));
const commonWords = WORDS.slice(0, 20);
const rareWords = WORDS.slice(-40);
const pick = (list: string[]) => list[Math.floor(random() * list.length)] ?? 'order';
const searchRuns = Math.max(100, Math.floor(runs / 4));
const search = {
  'whole term (common)': summarize(time(searchRuns, () => searchMessages(db, pick(commonWords), 30))),
  'whole term (rare)': summarize(time(searchRuns, () => searchMessages(db, pick(rareWords), 30))),
  'two words': summarize(time(searchRuns, () => searchMessages(db, `${pick(commonWords)} ${pick(rareWords)}`, 30))),
  'prefix 2 chars': summarize(time(searchRuns, () => searchMessages(db, pick(WORDS).slice(0, 2), 30))),
  'prefix 3 chars': summarize(time(searchRuns, () => searchMessages(db, pick(WORDS).slice(0, 3), 30))),
  'prefix 4+ chars': summarize(
    time(searchRuns, () => {
      const w = pick(WORDS);
      return searchMessages(db, w.slice(0, Math.max(4, w.length - 1)), 30);
    }),
  ),
  'word + prefix': summarize(
    time(searchRuns, () => searchMessages(db, `${pick(rareWords)} ${pick(WORDS).slice(0, 3)}`, 30)),
  ),
};
// The lead console over every team (a lead of all of them), as of the newest message: today's queue and the
// days behind it. Each call reads every open conversation, so it is timed fewer times than the inbox (at
// 100,000 open, a thousand refreshes alone would take many minutes) and warmed up only a little.
const newest = (db.prepare('SELECT max(created_at) FROM messages').pluck().get() as number | null) ?? 0;
const consoleRuns = Math.max(10, Math.floor(runs / 20));
const CONSOLE_WARMUP = 3;
const consoleInput = { teamIds: ALL_TEAM_IDS, days: 7, tzOffsetMinutes: 0, assignee: null, now: newest };
const leadConsole = Object.fromEntries(
  [7, 30].map((days) => [
    `${days} days of history`,
    summarize(time(consoleRuns, () => consoleOverview(db, { ...consoleInput, days }), CONSOLE_WARMUP)),
  ]),
);
// What the engine does on most calls: the queue read fresh, the history reused (HISTORY_TTL_MS).
const past = consoleHistory(db, consoleInput);
leadConsole['refresh, history reused'] = summarize(
  time(Math.max(20, Math.floor(runs / 10)), () => consoleOverview(db, consoleInput, past), CONSOLE_WARMUP),
);
const backlog = consoleOverview(db, consoleInput, past).backlog.open;
db.close();
rmSync(dir, { recursive: true, force: true });

const fmt = (n: number) => n.toFixed(n < 10 ? 3 : 1);
const rows: [string, string, string, string][] = [];
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
for (const [name, s] of Object.entries(inbox))
  rows.push([
    `inbox first page: ${name}`,
    `p50 ${fmt(s.p50)} ms`,
    `p99 ${fmt(s.p99)} ms`,
    `≤ ${TARGETS.inboxP99} ms p99: ${verdict(s.p99 <= TARGETS.inboxP99)}`,
  ]);
rows.push([
  'open conversation (+customer, orders)',
  `p50 ${fmt(open.p50)} ms`,
  `p95 ${fmt(open.p95)} ms`,
  `≤ ${TARGETS.openP95} ms p95: ${verdict(open.p95 <= TARGETS.openP95)}`,
]);
for (const [name, s] of Object.entries(search))
  rows.push([
    `search: ${name}`,
    `p50 ${fmt(s.p50)} ms`,
    `p95 ${fmt(s.p95)} ms`,
    `≤ ${TARGETS.searchP95} ms p95: ${verdict(s.p95 <= TARGETS.searchP95)}`,
  ]);
for (const [name, s] of Object.entries(leadConsole))
  rows.push([
    `lead console, ${name} (${backlog.toLocaleString('en')} open)`,
    `p50 ${fmt(s.p50)} ms`,
    `p95 ${fmt(s.p95)} ms`,
    '',
  ]);
rows.push(['first-sync ingest (engine)', `${engine.rowsPerSecond.toLocaleString('en')} rows/s`, '', '']);
rows.push(['raw inserts, same rows', `${raw.rowsPerSecond.toLocaleString('en')} rows/s`, '', '']);
rows.push(['engine / raw', ratio.toFixed(2), '', `≥ ${TARGETS.ingestRatio}: ${verdict(ratio >= TARGETS.ingestRatio)}`]);
rows.push(['cache size on disk', `${sizeMb.toFixed(0)} MB`, '', '']);
rows.push(['load average (before / after)', `${loadBefore.toFixed(2)} / ${(loadavg()[0] ?? 0).toFixed(2)}`, '', '']);

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
log('');
for (const row of rows) log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));

const results = {
  at: new Date().toISOString(),
  node: process.version,
  sizes,
  runs,
  targets: TARGETS,
  inbox,
  open,
  search,
  leadConsole: { openConversations: backlog, ...leadConsole },
  ingest: { engine, raw, ratio },
  cacheSizeMb: Math.round(sizeMb),
  loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
};
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
log(`\nWrote ${out}`);
