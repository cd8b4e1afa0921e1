// `npm run bench:sync` (part of `npm run bench`): catch-up after a long offline period, and
// action → ack latency, against a real server process on PostgreSQL; each beside a baseline
// measured in the same run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Change } from '../../shared/sync';
import { createEngine } from '../../electron/services/api/engine';
import type { Engine } from '../../electron/services/api/engine';
import { pageChunks } from '../../electron/services/db/changes';
import { getCursor } from '../../electron/services/db/meta';
import { openCache } from '../../electron/services/db/open';
import { createMemorySecretStore } from '../../electron/services/session/secret-store';
import { connectSocketIo } from '../../electron/services/sync/socket';
import { APPLY_CHUNK, PAGE_SIZE } from '../../electron/services/sync/sync-client';
import { nextEvent } from '../../electron/services/testing/events';
import { DEMO_PASSWORD } from '../../server/demo/generate';
import { rawInserter } from '../raw';
import { summarize } from '../stats';
import { startEcho, timedSockets } from './latency';
import { startBenchServer, writeBacklog } from './server';

const { values } = parseArgs({
  options: { changes: { type: 'string', default: '100000' }, actions: { type: 'string', default: '300' } },
});
const CHANGES = Number(values.changes);
const ACTIONS = Number(values.actions);
const TARGETS = { catchUpRatio: 0.5, ackP50Ratio: 1.5 };
const REP = 'rep01@northwind.example';
const log = (text: string) => process.stdout.write(`${text}\n`);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

const loadBefore = loadavg()[0] ?? 0;
log(`Caredesk sync bench: catch-up of ${CHANGES.toLocaleString('en')} changes, ${ACTIONS} actions`);
log(`(load average ${loadBefore.toFixed(2)} on ${cpus().length} cores)`);
const server = await startBenchServer(300);
const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-bench-engine-'));
const secretStore = createMemorySecretStore();
const requests = new Map<string, number[]>();
const open = () =>
  createEngine({
    dataDir,
    serverUrl: server.url,
    secretStore,
    log: () => {},
    connect: timedSockets(connectSocketIo, requests),
    sync: { requestTimeoutMs: 60_000 },
  });
const online = (engine: Engine) =>
  nextEvent(engine, 'sync:changed', (s) => s.connection === 'online' && s.pendingActions === 0, 600_000);

// A rep who has synced once, then closes the app for a long while.
let engine = await open();
const first = online(engine);
const session = await engine.handlers['session:signIn']({
  email: REP,
  password: DEMO_PASSWORD,
  discardUnsentReplies: false,
});
await first;
const teamIds = session.user?.teamIds ?? [];
const cursorBefore = getCursor(engine.db);
await engine.close();

log(`Writing a backlog of ${CHANGES.toLocaleString('en')} changes on the server…`);
await writeBacklog(server.sql, teamIds, CHANGES);

// Catch-up, while the "renderer" keeps asking for the inbox every 20 ms.
engine = await open();
const caughtUp = online(engine);
const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();
const eluStart = performance.eventLoopUtilization();
const catchUpStart = process.hrtime.bigint();
await engine.start();
const probes: number[] = [];
let probing = true;
const probe = (async () => {
  while (probing) {
    const start = process.hrtime.bigint();
    await engine.handlers['inbox:list']({ filter: 'all', limit: 50 });
    probes.push(ms(start));
    await sleep(20);
  }
})();
await caughtUp;
const catchUpMs = ms(catchUpStart);
const busy = performance.eventLoopUtilization(eluStart).utilization;
lag.disable();
probing = false;
await probe;
const pulled = getCursor(engine.db);
const pulls = summarize(requests.get('sync:pull') ?? []);
const catchUpRate = Math.round(CHANGES / (catchUpMs / 1000));

// Baseline: the same changes, inserted into an empty cache with plain prepared statements, in
// transactions of the size the engine commits.
const rows = await server.sql.query<{ seq: string; kind: Change['kind']; payload: Change['data'] }>(
  `select seq, kind, payload from changes where seq > $1 and (team_id is null or team_id = any($2::text[])) order by seq`,
  [cursorBefore, teamIds],
);
const backlog = rows.map((row) => ({ seq: Number(row.seq), kind: row.kind, data: row.payload }) as Change);
const rawDir = mkdtempSync(join(tmpdir(), 'caredesk-bench-raw-'));
const rawDb = openCache(join(rawDir, 'raw.db'));
const insert = rawInserter(rawDb);
const rawStart = process.hrtime.bigint();
for (let i = 0; i < backlog.length; i += APPLY_CHUNK) insert(backlog.slice(i, i + APPLY_CHUNK));
const rawRate = Math.round(backlog.length / (ms(rawStart) / 1000));
rawDb.close();
// Where the time goes: the engine's own apply of the same pages, without the network.
const applyDb = openCache(join(rawDir, 'apply.db'));
const applyStart = process.hrtime.bigint();
for (let i = 0; i < backlog.length; i += PAGE_SIZE) {
  const pageOf = backlog.slice(i, i + PAGE_SIZE);
  for (const applyChunk of pageChunks(applyDb, pageOf, pageOf.at(-1)?.seq ?? 0, APPLY_CHUNK)) applyChunk();
}
const applyRate = Math.round(backlog.length / (ms(applyStart) / 1000));
applyDb.close();
rmSync(rawDir, { recursive: true, force: true });

// Action → ack: one action at a time, each after the previous one's ack and pull, each followed by
// one echo of the baseline.
const page = await engine.handlers['inbox:list']({ filter: 'team', teamId: teamIds[0], limit: 1 });
const conversationId = page.items[0]?.id;
if (!conversationId) throw new Error('no conversation to act on');
const endToEnd: number[] = [];
const echoes: number[] = [];
const echo = await startEcho(server.databaseUrl);
requests.set('action:apply', []);
for (let i = 0; i < ACTIONS + 20; i++) {
  const done = online(engine);
  const start = process.hrtime.bigint();
  if (i % 2 === 0)
    await engine.handlers['conversation:act']({ type: 'tag', conversationId, tag: 'bench', on: i % 4 === 0 });
  else
    await engine.handlers['conversation:act']({
      type: 'note',
      conversationId,
      body: `Checked with the carrier (${i}).`,
    });
  await done;
  if (i >= 20) endToEnd.push(ms(start));
  // A rep's next action comes after the engine has pulled this one's changes, as at human pace;
  // between the two, one echo, paced the same.
  await sleep(5);
  await engine.idle();
  const echoed = await echo.once();
  if (i >= 20) echoes.push(echoed);
  await sleep(5);
}
await echo.close();
const ack = summarize((requests.get('action:apply') ?? []).slice(20));
const baseline = summarize(echoes);
const e2e = summarize(endToEnd);
const probe95 = summarize(probes);

await engine.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });

const catchUpRatio = catchUpRate / rawRate;
const ackRatio = ack.p50 / baseline.p50;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const f = (n: number) => n.toFixed(2);
const table: [string, string, string][] = [
  [
    'catch-up (engine, over the network)',
    `${catchUpRate.toLocaleString('en')} changes/s`,
    `${(catchUpMs / 1000).toFixed(1)} s`,
  ],
  ['raw inserts of the same changes', `${rawRate.toLocaleString('en')} changes/s`, ''],
  ['engine applyPage alone, same pages', `${applyRate.toLocaleString('en')} changes/s`, 'no network, no parsing'],
  ['catch-up / raw', f(catchUpRatio), `≥ ${TARGETS.catchUpRatio}: ${verdict(catchUpRatio >= TARGETS.catchUpRatio)}`],
  ['pull of one page, send → answer', `p50 ${f(pulls.p50)} ms`, `p99 ${f(pulls.p99)} ms (${pulls.runs} pulls)`],
  [
    'inbox list during catch-up',
    `p50 ${f(probe95.p50)} ms`,
    `p99 ${f(probe95.p99)} ms, max ${f(probe95.max)} ms (${probe95.runs} calls)`,
  ],
  ['engine busy during catch-up', `${(busy * 100).toFixed(0)} %`, 'event-loop utilisation; the rest is waiting'],
  ['event-loop delay during catch-up', `p99 ${f(lag.percentile(99) / 1e6)} ms`, `max ${f(lag.max / 1e6)} ms`],
  ['action → ack (engine socket)', `p50 ${f(ack.p50)} ms`, `p99 ${f(ack.p99)} ms`],
  ['socket.io echo + one commit', `p50 ${f(baseline.p50)} ms`, `p99 ${f(baseline.p99)} ms`],
  ['action / echo (p50)', f(ackRatio), `≤ ${TARGETS.ackP50Ratio}: ${verdict(ackRatio <= TARGETS.ackP50Ratio)}`],
  ['action, API call → acked (incl. local writes)', `p50 ${f(e2e.p50)} ms`, `p99 ${f(e2e.p99)} ms`],
  ['load average (before / after)', `${f(loadBefore)} / ${f(loadavg()[0] ?? 0)}`, ''],
];
const widths = [0, 1, 2].map((i) => Math.max(...table.map((r) => r[i]?.length ?? 0)));
log('');
for (const row of table) log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
if (pulled <= cursorBefore) throw new Error('the catch-up did not move the cursor');

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'sync.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      changes: CHANGES,
      actions: ACTIONS,
      targets: TARGETS,
      catchUp: {
        ms: catchUpMs,
        rate: catchUpRate,
        raw: rawRate,
        applyOnly: applyRate,
        ratio: catchUpRatio,
        inboxDuringCatchUp: probe95,
      },
      engineBusy: busy,
      eventLoopDelayMs: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
      ack: { engine: ack, echo: baseline, ratio: ackRatio, endToEnd: e2e },
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
    },
    null,
    2,
  )}\n`,
);
log(`\nWrote ${out}`);
