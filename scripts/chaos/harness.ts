// The chaos run: three engines queue a seeded workload through a proxy to a server on a real
// PostgreSQL while the harness partitions the network and kills server and engines with kill -9;
// then the server's final state is checked against every action the engines acknowledged.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countPending } from '../../electron/services/db/outbox';
import { openCache } from '../../electron/services/db/open';
import { openPostgres } from '../../server/db/postgres';
import { DEMO_PASSWORD } from '../../server/demo/generate';
import type { LibraryItem } from './messages';
import { MAX_PERSONAL_RESOLUTIONS } from '../../shared/sync';
import { SUPPORTED_TYPES } from './contract';
import { compareLibrary, compareSnapshots, serverSnapshots, visibleSeq } from './converge';
import type { Divergence } from './converge';
import { createChaosDatabase, loadDemoOrganisation, seedLibraries } from './database';
import { createEngineFleet } from './engines';
import type { EngineFleet, EngineUser } from './engines';
import { conversationsOf } from './messages';
import type { WorkloadType } from './messages';
import { startProxy } from './proxy';
import type { ChaosProxy } from './proxy';
import { createRandom } from './random';
import { defaultFaultCounts, planFaults } from './schedule';
import type { Fault, FaultCounts } from './schedule';
import { createServerProcess } from './server-process';
import type { ServerProcess } from './server-process';
import { lastSeq, readConversations, readLibraries } from './observe';
import { verify } from './verify';
import type { EngineRefusal, ServerRefusal, Verdict } from './verify';
import { planWorkload } from './workload';

export interface ChaosOptions {
  actions: number;
  seed: number;
  /** Size of the demo organisation (about half of it is the engines' team). */
  conversations?: number;
  faults?: Partial<FaultCounts>;
  /** Base for the run's own database; default DATABASE_URL, else the local PostgreSQL. */
  databaseUrl?: string;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
  /** Keep the work folder (logs, caches) even when the run passed. */
  keep?: boolean;
  /** The whole run fails after this long (default scales with the actions). */
  timeoutMs?: number;
}

export interface FaultFigures {
  serverKills: number;
  commitAckKills: number;
  partitions: number;
  blackholes: number;
  engineKills: number;
  /** Commit-ack kills that found no action left to commit on (the workload drained first). */
  missedCommitAckKills: number;
}

export interface ChaosReport {
  seed: number;
  actions: number;
  /** Hash of the planned workload and fault schedule: the same seed gives the same one. */
  planDigest: string;
  types: Partial<Record<WorkloadType, number>>;
  verdict: Verdict;
  /** Actions the engine API refused to queue (never acknowledged, so not the engine's to deliver). */
  refusedByEngine: EngineRefusal[];
  /** Actions the server refused, with its reasons (they are among the lost, unless meant to be refused). */
  refusedByServer: ServerRefusal[];
  /** Conversations and libraries an engine shows differently from the server once everything is synced. */
  divergences: Divergence[];
  faults: FaultFigures;
  elapsedMs: number;
  /** The work folder with the logs, when kept. */
  workDir: string | null;
}

/** rep01–rep03 share Orders & Delivery (server/demo/generate.ts). */
const TEAM_ID = 'team-orders';
const USERS: EngineUser[] = [1, 2, 3].map((n) => ({
  email: `rep0${n}@northwind.example`,
  password: DEMO_PASSWORD,
  userId: `user-rep0${n}`,
}));
/**
 * Canned resolutions each rep has before the run, by engine: a few to edit, delete and clash
 * with, and for the third rep nearly the limit, so that new ones are refused until some go.
 */
const LIBRARY_SIZES = [3, 3, MAX_PERSONAL_RESOLUTIONS - 4];

/**
 * Nothing lost, duplicated, out of order or unexplained, every effect as the workload meant it,
 * and every cache ended as the server's copy.
 */
export function passed(report: ChaosReport): boolean {
  const { lost, lostParts, duplicated, outOfOrder, unexplained, content, library, refusals } = report.verdict;
  return (
    [lost, lostParts, duplicated, outOfOrder, unexplained, content, library].every((list) => list.length === 0) &&
    refusals.missing.length === 0 &&
    refusals.unexpected.length === 0 &&
    report.divergences.length === 0
  );
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'caredesk-chaos-'));
  const database = await createChaosDatabase(options.databaseUrl);
  let server: ServerProcess | null = null;
  let proxy: ChaosProxy | null = null;
  let fleet: EngineFleet | null = null;
  let ok = false;
  try {
    const random = createRandom(options.seed);
    const conversations = await loadDemoOrganisation(database.url, options.conversations ?? 300, TEAM_ID);
    const engineUsers = USERS.map((user) => user.userId);
    await seedLibraries(
      database.url,
      engineUsers.map((userId, engine) => ({ userId, size: LIBRARY_SIZES[engine] ?? 0 })),
      Date.now(),
    );
    const libraries = openPostgres(database.url, { max: 1 });
    const initialLibraries = await readLibraries(libraries, engineUsers).finally(() => libraries.close());
    const plan = planWorkload({
      random: random.fork('workload'),
      actions: options.actions,
      engineUsers,
      conversations,
      types: SUPPORTED_TYPES,
      libraries: engineUsers.map((userId) => initialLibraries.filter((item) => item.ownerId === userId)),
    });
    // The workload's conversations before it starts, and where the change log stood: the verifier
    // replays every applied action on these rows (and every library action on initialLibraries).
    const conversationIds = [...new Set(plan.flat().flatMap((planned) => conversationsOf(planned.action)))].sort();
    const before = openPostgres(database.url, { max: 1 });
    const [sinceSeq, initial] = await Promise.all([
      lastSeq(before),
      readConversations(before, conversationIds),
    ]).finally(() => before.close());
    const counts = { ...defaultFaultCounts(options.actions), ...options.faults };
    const faults = planFaults(random.fork('faults'), options.actions, USERS.length, counts);
    const planDigest = createHash('sha256').update(JSON.stringify({ plan, faults })).digest('hex').slice(0, 12);
    const types: Partial<Record<WorkloadType, number>> = {};
    for (const planned of plan.flat()) types[planned.action.type] = (types[planned.action.type] ?? 0) + 1;
    log(`plan ${planDigest}: ${options.actions} actions (${describeTypes(types)}), ${faults.length} faults`);

    const runningServer = createServerProcess({ workDir, databaseUrl: database.url });
    server = runningServer;
    await runningServer.start();
    const runningProxy = await startProxy(() => runningServer.port());
    proxy = runningProxy;
    const runningFleet = createEngineFleet({
      workDir,
      serverUrl: runningProxy.url,
      users: USERS,
      plan,
      // A rep's backlog while offline: enough to queue through every outage, not the whole plan at once.
      window: Math.max(20, Math.round(options.actions / 50)),
    });
    fleet = runningFleet;

    const figures: FaultFigures = {
      serverKills: 0,
      commitAckKills: 0,
      partitions: 0,
      blackholes: 0,
      engineKills: 0,
      missedCommitAckKills: 0,
    };
    const timeoutMs = options.timeoutMs ?? 120_000 + options.actions * 30;
    const watch = createWatch(runningFleet, timeoutMs, () => runningFleet.describe());
    runningServer.onUnexpectedExit((exit) =>
      watch.fail(new Error(`the server died on its own (${exit.signal ?? exit.code})`)),
    );
    runningFleet.onUnexpectedExit((engine, exit) =>
      watch.fail(new Error(`engine ${engine} died on its own (${exit.signal ?? exit.code})`)),
    );
    runningFleet.onFailure((engine, message) => watch.fail(new Error(`engine ${engine} failed: ${message}`)));

    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    const runFault = async (fault: Fault): Promise<void> => {
      log(`[${elapsed()}] at ${runningFleet.answered()} queued: ${describeFault(fault)}`);
      switch (fault.kind) {
        case 'partition':
          runningProxy.cut(fault.mode);
          await delay(fault.durationMs);
          runningProxy.heal();
          figures.partitions++;
          if (fault.mode === 'blackhole') figures.blackholes++;
          return;
        case 'server-kill':
          await runningServer.kill();
          figures.serverKills++;
          await delay(fault.downMs);
          await runningServer.start();
          return;
        case 'commit-ack-kill': {
          const before = runningServer.commitKills().length;
          runningServer.expectExit();
          runningServer.arm(fault.skip);
          const outcome = await Promise.race([
            runningServer.exited().then(() => 'died' as const),
            watch.until(() => runningFleet.drained()).then(() => 'drained' as const),
          ]);
          if (outcome === 'drained') {
            runningServer.disarm();
            figures.missedCommitAckKills++;
            return;
          }
          if (runningServer.commitKills().length > before) figures.commitAckKills++;
          else throw new Error('the server died while armed, but not in the commit-ack window');
          await delay(fault.downMs);
          await runningServer.start();
          return;
        }
        case 'engine-kill':
          await runningFleet.kill(fault.engine);
          figures.engineKills++;
          await delay(fault.downMs);
          await runningFleet.restart(fault.engine);
          return;
      }
    };

    await watch.guard(runningFleet.startAll());
    log(`[${elapsed()}] engines signed in; queueing`);
    let chain = Promise.resolve();
    let nextFault = 0;
    let nextReport = 0.1;
    runningFleet.onProgress(() => {
      const answered = runningFleet.answered();
      for (let fault = faults[nextFault]; fault && answered >= fault.at; fault = faults[++nextFault]) {
        const due = fault;
        chain = chain.then(() => runFault(due)).catch((error: unknown) => watch.fail(error));
      }
      if (answered >= nextReport * options.actions) {
        log(`[${elapsed()}] ${runningFleet.describe()}`);
        nextReport += 0.1;
      }
    });

    // Every planned action answered means every fault is due: wait for them, then for the drain.
    await watch.until(() => runningFleet.answered() >= options.actions);
    await watch.guard(chain);
    await watch.until(() => runningFleet.drained());
    log(`[${elapsed()}] every outbox is empty; comparing the caches with the server`);
    const sql = openPostgres(database.url, { max: 2 });
    let divergences: Divergence[];
    let engineLibraries: LibraryItem[][];
    try {
      const seqs = await Promise.all(engineUsers.map((userId) => visibleSeq(sql, TEAM_ID, userId)));
      const views = await watch.guard(runningFleet.snapshots(seqs, conversationIds));
      const truth = await serverSnapshots(sql, conversationIds);
      const libraries = await readLibraries(sql, engineUsers);
      engineLibraries = views.map((view) => view.library);
      divergences = views.flatMap((view, engine) => [
        ...compareSnapshots(engine, view.conversations, truth),
        ...compareLibrary(
          engine,
          view.library,
          libraries.filter((item) => item.ownerId === engineUsers[engine]),
        ),
      ]);
    } finally {
      await sql.close();
    }
    await watch.guard(runningFleet.closeAll());
    watch.stop();
    for (const dir of runningFleet.dataDirs()) {
      const cache = openCache(join(dir, 'cache.db'));
      try {
        const left = countPending(cache);
        if (left > 0) throw new Error(`${dir}: ${left} actions still unsent after the drain`);
      } finally {
        cache.close();
      }
    }
    await runningServer.shutdown();
    log(`[${elapsed()}] checking the server's tables against the acknowledged actions`);
    const check = openPostgres(database.url, { max: 2 });
    const expectation = {
      plan,
      engineUsers,
      ledger: runningFleet.ledger,
      killCandidates: runningFleet.killCandidates,
      initial,
      initialLibraries,
      refusedByEngine: runningFleet.refusals,
      refusedByServer: runningFleet.rejected,
      engineLibraries,
      foreign: runningFleet.foreign,
    };
    const verdict = await verify(check, expectation, sinceSeq).finally(() => check.close());
    const report: ChaosReport = {
      seed: options.seed,
      actions: options.actions,
      planDigest,
      types,
      verdict,
      refusedByEngine: runningFleet.refusals,
      refusedByServer: runningFleet.rejected,
      divergences,
      faults: figures,
      elapsedMs: Date.now() - started,
      workDir: null,
    };
    ok = passed(report);
    if (!ok || options.keep) report.workDir = workDir;
    return report;
  } catch (error) {
    log(`failed; logs kept in ${workDir}`);
    throw error;
  } finally {
    // Also stops a fault still in progress after a failure: nothing restarts once shut down.
    await fleet?.shutdown();
    await server?.shutdown();
    await proxy?.close();
    await database.drop();
    if (ok && !options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Waits on conditions the engines' messages make true (no polling), with one deadline for the
 * whole run; a failure reported anywhere (a child that died on its own) ends every wait.
 */
function createWatch(fleet: EngineFleet, timeoutMs: number, describe: () => string) {
  let failure: Error | null = null;
  const waiters = new Set<{ check: () => void; reject: (error: Error) => void }>();
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    for (const waiter of [...waiters]) waiter.reject(failure);
    waiters.clear();
  };
  const timer = setTimeout(
    () => fail(new Error(`the run did not finish within ${Math.round(timeoutMs / 1000)} s: ${describe()}`)),
    timeoutMs,
  );
  fleet.onProgress(() => {
    for (const waiter of [...waiters]) waiter.check();
  });
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      if (failure !== null) return reject(failure);
      const waiter = {
        check: () => {
          if (!condition()) return;
          waiters.delete(waiter);
          resolve();
        },
        reject,
      };
      waiters.add(waiter);
      waiter.check();
    });
  return {
    fail,
    until,
    /** `promise`, unless the run fails first. */
    guard: <T>(promise: Promise<T>) => Promise.race([promise, until(() => false).then(() => promise)]) as Promise<T>,
    stop: () => clearTimeout(timer),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describeTypes(types: Partial<Record<WorkloadType, number>>): string {
  return Object.entries(types)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
}

function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'partition':
      return `partition (${fault.mode}) for ${fault.durationMs} ms`;
    case 'server-kill':
      return `kill -9 the server, down ${fault.downMs} ms`;
    case 'commit-ack-kill':
      return `server dies between commit and ack (after ${fault.skip} more), down ${fault.downMs} ms`;
    case 'engine-kill':
      return `kill -9 engine ${fault.engine}, down ${fault.downMs} ms`;
  }
}
