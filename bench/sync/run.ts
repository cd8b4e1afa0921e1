// `npm run bench:sync` (part of `npm run bench`): catch-up after a long offline period, and
// action → ack latency, against a real server process on PostgreSQL; each beside a baseline
// measured in the same run that does the same work (README.md).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createEngine } from '../../electron/services/api/engine';
import type { Engine } from '../../electron/services/api/engine';
import { getCursor } from '../../electron/services/db/meta';
import { createMemorySecretStore } from '../../electron/services/session/secret-store';
import { connectSocketIo } from '../../electron/services/sync/socket';
import { nextEvent } from '../../electron/services/testing/events';
import { DEMO_PASSWORD } from '../../server/demo/generate';
import { summarize } from '../stats';
import { measureBaselines } from './catch-up';
import { pulledPages, recordingSockets, startEcho } from './latency';
import type { BenchAction, SocketRecorder } from './latency';
import { probeEvery } from './probe';
import { FULL_SIZE, formatTable, isFullSize, writeResults } from './report';
import type { SyncFigures } from './report';
import { startBenchServer, writeBacklog } from './server';

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: String(FULL_SIZE.changes) },
    actions: { type: 'string', default: String(FULL_SIZE.actions) },
  },
});
const CHANGES = Number(values.changes);
const ACTIONS = Number(values.actions);
const WARMUP = 20;
const REP = 'rep01@northwind.example';
const log = (text: string) => process.stdout.write(`${text}\n`);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

const loadBefore = loadavg()[0] ?? 0;
log(`Caredesk sync bench: catch-up of ${CHANGES.toLocaleString('en')} changes, ${ACTIONS} actions`);
log(`(load average ${loadBefore.toFixed(2)} on ${cpus().length} cores)`);
if (!isFullSize({ changes: CHANGES, actions: ACTIONS })) log('(smaller than the full size: a smoke run)');
const server = await startBenchServer(300);
const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-bench-engine-'));
const secretStore = createMemorySecretStore();
const recorder: SocketRecorder = { samples: new Map(), pulls: [] };
const open = () =>
  createEngine({
    dataDir,
    serverUrl: server.url,
    secretStore,
    log: () => {},
    connect: recordingSockets(connectSocketIo, recorder),
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
const user = session.user;
if (!user) throw new Error('the rep did not sign in');
const teamIds = user.teamIds;
const cursorBefore = getCursor(engine.db);
await engine.close();
// The cache as the catch-up finds it: the baselines start from copies of it.
const before = join(mkdtempSync(join(tmpdir(), 'caredesk-bench-before-')), 'cache.db');
copyFileSync(join(dataDir, 'cache.db'), before);
if (existsSync(join(dataDir, 'cache.db-wal'))) copyFileSync(join(dataDir, 'cache.db-wal'), `${before}-wal`);

log(`Writing a backlog of ${CHANGES.toLocaleString('en')} changes on the server…`);
await writeBacklog(server.sql, teamIds, CHANGES);

// Catch-up, while the "renderer" asks for the inbox every 20 ms.
recorder.pulls.length = 0;
recorder.samples.clear();
engine = await open();
const caughtUp = online(engine);
const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();
const eluStart = performance.eventLoopUtilization();
const catchUpStart = process.hrtime.bigint();
await engine.start();
const running = engine;
const probe = probeEvery(20, () => running.handlers['inbox:list']({ filter: 'all', limit: 50 }));
await caughtUp;
const catchUpMs = ms(catchUpStart);
const busy = performance.eventLoopUtilization(eluStart).utilization;
lag.disable();
const inbox = summarize(await probe.stop());
if (getCursor(engine.db) <= cursorBefore) throw new Error('the catch-up did not move the cursor');
const pulls = summarize(recorder.samples.get('sync:pull') ?? []);
const baselines = measureBaselines(before, await pulledPages(recorder, server.sql, user), engine.db);
rmSync(join(before, '..'), { recursive: true, force: true });

// Action → ack: one action at a time, each after the previous one's ack and pull, each followed by
// one echo of the same action.
const page = await engine.handlers['inbox:list']({ filter: 'team', teamId: teamIds[0], limit: 1 });
const conversationId = page.items[0]?.id;
if (!conversationId) throw new Error('no conversation to act on');
const endToEnd: number[] = [];
const echoes: number[] = [];
const echo = await startEcho(server.databaseUrl);
recorder.samples.set('action:apply', []);
for (let i = 0; i < ACTIONS + WARMUP; i++) {
  const action: BenchAction =
    i % 2 === 0
      ? { type: 'tag', conversationId, tag: 'bench', on: i % 4 === 0 }
      : { type: 'note', conversationId, body: `Checked with the carrier (${i}).` };
  const done = online(engine);
  const start = process.hrtime.bigint();
  await engine.handlers['conversation:act'](action);
  await done;
  if (i >= WARMUP) endToEnd.push(ms(start));
  // A rep's next action comes after the engine has pulled this one's changes, as at human pace;
  // between the two, one echo of the same action, paced the same.
  await sleep(5);
  await engine.idle();
  const echoed = await echo.once(action);
  if (i >= WARMUP) echoes.push(echoed);
  await sleep(5);
}
await echo.close();
const acks = (recorder.samples.get('action:apply') ?? []).slice(WARMUP);

await engine.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });

const figures: SyncFigures = {
  changes: CHANGES,
  actions: ACTIONS,
  catchUp: {
    ms: catchUpMs,
    sent: baselines.sent,
    written: baselines.raw.rows,
    rawMs: baselines.raw.ms,
    applyMs: baselines.apply.ms,
    pulls,
    inbox,
    busy,
    eventLoopDelayMs: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
  },
  ack: { engine: summarize(acks), echo: summarize(echoes), endToEnd: summarize(endToEnd) },
  loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
};
log('');
log(formatTable(figures));
const out = writeResults(figures, { at: new Date().toISOString(), node: process.version, commit: commit() });
log(`\nWrote ${out}${isFullSize(figures) ? '' : ' (a smoke run: bench/results/sync.json holds the last full run)'}`);

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}
