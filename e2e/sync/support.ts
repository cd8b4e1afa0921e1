// Helpers for the engine ↔ real server tests in this folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SyncState } from '../../shared/api';
import type { Attachment } from '../../shared/domain';
import { dispatchCall } from '../../electron/services/api/dispatch';
import { createEngine } from '../../electron/services/api/engine';
import type { Engine, EngineOptions } from '../../electron/services/api/engine';
import { getMeta } from '../../electron/services/db/meta';
import { createMemorySecretStore } from '../../electron/services/session/secret-store';
import type { SecretStore } from '../../electron/services/session/secret-store';
import { decodeStoredToken, tokenAccount } from '../../electron/services/session/token';
import type { StoredToken } from '../../electron/services/session/token';
import type { Db } from '../../electron/services/db/open';
import { connectSocketIo } from '../../electron/services/sync/socket';
import type { SocketFactory } from '../../electron/services/sync/socket';
import { createSyncClient } from '../../electron/services/sync/sync-client';
import type { SessionEndReason, SyncClientDeps } from '../../electron/services/sync/sync-client';
import { nextEvent } from '../../electron/services/testing/events';
import type { Sql } from '../../server/db/sql';
import { DEMO_PASSWORD } from '../../server/demo/generate';
import type { TestServer } from '../../server/testing';

export const REP = 'rep01@northwind.example'; // Orders & Delivery, Returns & Refunds
export const LEAD = 'lead01@northwind.example'; // every team
const ADMIN = 'admin@northwind.example';
/** Inbound messages from new customers land in the first team, Billing & Accounts. */
export const BILLING_REP = 'rep06@northwind.example';

/** Cleanups run newest first; a test file calls `run` from afterEach. */
export function createCleanups() {
  const list: (() => Promise<void> | void)[] = [];
  return {
    add: (cleanup: () => Promise<void> | void) => void list.push(cleanup),
    run: async () => {
      for (const cleanup of list.splice(0).reverse()) await cleanup();
    },
  };
}
type Cleanups = ReturnType<typeof createCleanups>;

/** An engine with its own data folder and a memory secret store, closed by `cleanups`. */
export async function engineFor(
  cleanups: Cleanups,
  serverUrl: string,
  options: Partial<Omit<EngineOptions, 'serverUrl'>> = {},
): Promise<Engine> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'caredesk-e2e-engine-'));
  const engine = await createEngine({
    secretStore: createMemorySecretStore(),
    log: () => {},
    ...options,
    dataDir,
    serverUrl,
  });
  cleanups.add(async () => {
    await engine.close();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return engine;
}

/** An engine signed in as `email` that retries fast; closed by `cleanups`. */
export async function signedInEngine(cleanups: Cleanups, serverUrl: string, email: string): Promise<Engine> {
  const engine = await engineFor(cleanups, serverUrl, { sync: { retryDelayMs: 50 } });
  await signIn(engine, email);
  return engine;
}

/** Resolves once the engine has nothing pending and no pull or drain in flight. */
export async function settled(engine: Engine): Promise<void> {
  for (;;) {
    await engine.idle();
    const state = await engine.handlers['sync:status']({});
    if (state.pendingActions === 0 && state.connection === 'online') {
      await engine.idle();
      return;
    }
    await nextEvent(engine, 'sync:changed');
  }
}

/** Reads the token `engine` keeps in `secretStore` (its own entry, named by its install id). */
export function storedToken(
  engine: Engine,
  secretStore: SecretStore,
  serverUrl: string,
): () => Promise<StoredToken | null> {
  const installId = getMeta(engine.db, 'install_id');
  if (installId === null) throw new Error('the engine has no install id');
  return async () => decodeStoredToken(await secretStore.get(tokenAccount(serverUrl, installId)));
}

/** Signs in through the API and waits until the first sync finished. */
export async function signIn(engine: Engine, email: string): Promise<void> {
  const online = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online', 30_000);
  const result = await dispatchCall(engine.handlers, 'session:signIn', { email, password: DEMO_PASSWORD });
  expect(result).toMatchObject({ ok: true });
  await online;
}

export async function serverCount(sql: Sql, text: string, params: unknown[] = []): Promise<number> {
  const rows = await sql.query<{ n: unknown }>(text, params);
  return Number(rows[0]?.n);
}

/** The highest change seq a member of `teamIds` may see: where a complete sync leaves the cursor. */
export async function visibleSeq(sql: Sql, teamIds: readonly string[]): Promise<number> {
  const rows = await sql.query<{ seq: unknown }>(
    'select max(seq) as seq from changes where (team_id is null and user_id is null) or team_id = any($1::text[])',
    [[...teamIds]],
  );
  return Number(rows[0]?.seq ?? 0);
}

/** POST /api/inbound as the admin: a customer writes in (a new one lands in Billing & Accounts). */
export async function postInbound(
  server: TestServer,
  body: string,
  from = '+1 415 555 0142',
  channel = 'sms',
  media: readonly Attachment[] = [],
): Promise<{ conversationId: string }> {
  const admin = await server.signIn(ADMIN);
  const response = await fetch(new URL('/api/inbound', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
    body: JSON.stringify({ channel, from, body, name: 'Pat Doe', ...(media.length > 0 ? { media } : {}) }),
  });
  if (!response.ok) throw new Error(`inbound failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { conversationId: string };
}

/** A loopback URL where nothing listens (the port was free a moment ago). */
export async function unusedUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
  return url;
}

/** The real socket.io client, counting the requests it sends by event name. */
export function countingSockets(counts: Map<string, number>): SocketFactory {
  return (url, options) => {
    const socket = connectSocketIo(url, options);
    return Object.assign(Object.create(socket) as typeof socket, {
      request: (event: string, payload: unknown, timeoutMs: number) => {
        counts.set(event, (counts.get(event) ?? 0) + 1);
        return socket.request(event, payload, timeoutMs);
      },
    });
  };
}

/**
 * The real socket.io client, losing what the test says: the answer to a request (the server
 * did the work; the client sees a timeout at once, as after a lost ack), or every poke.
 */
export function lossySockets(options: {
  loseAnswer?: (event: string) => boolean;
  losePokes?: boolean;
  /** Counts the requests sent, by event name. */
  counts?: Map<string, number>;
}): SocketFactory {
  return (url, socketOptions) => {
    const socket = connectSocketIo(url, socketOptions);
    return Object.assign(Object.create(socket) as typeof socket, {
      request: async (event: string, payload: unknown, timeoutMs: number) => {
        options.counts?.set(event, (options.counts.get(event) ?? 0) + 1);
        const answer = await socket.request(event, payload, timeoutMs);
        if (options.loseAnswer?.(event)) throw new Error('operation has timed out');
        return answer;
      },
      onPoke: (listener: (payload: unknown) => void) => {
        if (!options.losePokes) socket.onPoke(listener);
      },
    });
  };
}

/** True the first `times` calls, then false. */
export function firstTimes(times: number): () => boolean {
  let left = times;
  return () => left-- > 0;
}

/** Values a callback received, with a way to wait for one (no sleeps). */
interface Recorder<T> {
  readonly items: T[];
  push(item: T): void;
  /** Resolves with the first item from index `from` on that matches, now or when it arrives. */
  waitFor(match: (item: T) => boolean, from?: number, timeoutMs?: number): Promise<T>;
}

export function recorder<T>(): Recorder<T> {
  const items: T[] = [];
  const waiters = new Set<{ match: (item: T) => boolean; resolve: (item: T) => void }>();
  return {
    items,
    push(item) {
      items.push(item);
      for (const waiter of [...waiters]) {
        if (!waiter.match(item)) continue;
        waiters.delete(waiter);
        waiter.resolve(item);
      }
    },
    waitFor(match, from = 0, timeoutMs = 20_000) {
      const found = items.slice(from).find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching item within ${timeoutMs} ms; saw ${JSON.stringify(items)}`));
        }, timeoutMs);
        const waiter = {
          match,
          resolve: (item: T) => {
            clearTimeout(timer);
            resolve(item);
          },
        };
        waiters.add(waiter);
      });
    },
  };
}

/**
 * A sync client on `db` of its own (no engine around it), recording what it reports; it retries
 * fast. `options` override any of its dependencies.
 */
export function recordingSyncClient(db: Db, serverUrl: string, options: Partial<SyncClientDeps> = {}) {
  const states = recorder<SyncState>();
  const changed = recorder<string[]>();
  const ended = recorder<SessionEndReason>();
  const errors: unknown[] = [];
  const client = createSyncClient({
    db,
    serverUrl,
    connect: connectSocketIo,
    clock: Date.now,
    requestTimeoutMs: 10_000,
    retryDelayMs: 50,
    onConversationsChanged: (ids) => changed.push(ids),
    onLibraryChanged: () => {},
    onStateChanged: (state) => states.push(state),
    onSessionEnded: (reason) => ended.push(reason),
    onRejected: () => {},
    onPresenceChanged: () => {},
    onError: (error) => errors.push(error),
    ...options,
  });
  return { client, states, changed, ended, errors };
}
