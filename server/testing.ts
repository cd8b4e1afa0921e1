import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignInResponse } from '../shared/sync/http';
import { HttpRoutes } from '../shared/sync/http';
import { startServer } from './app';
import type { RunningServer, StartServerOptions } from './app';
import type { ChannelSecrets } from './channels/provider';
import { openDatabase } from './db/open';
import type { Database } from './db/sql';
import { DEMO_PASSWORD } from './demo/generate';
import { seedDemoIfEmpty } from './demo/seed';
import type { RouteOutcome } from './services/routing/route';
import type { ServerFaults } from './socket/faults';
import type { SyncLimits } from './socket/limits';
import type { ProtocolRange } from '../shared/sync/protocol';

interface TestServerOptions {
  /** Load the demo organisation with this many conversations (0 = teams and users only). */
  demoConversations?: number;
  seed?: number;
  /** Anchors demo data and token expiry; defaults to Date.now. */
  clock?: () => number;
  tokenTtlMs?: number;
  /** Read on every event, so a test may set and clear its hooks as it goes. */
  faults?: ServerFaults;
  log?: (error: unknown) => void;
  /** PostgreSQL instead of PGlite in a temp folder (migrated here; never dropped here). */
  databaseUrl?: string;
  /** With `databaseUrl`: fan pokes out through Redis, on channels under `redisChannelPrefix`. */
  redisUrl?: string;
  redisChannelPrefix?: string;
  syncLimits?: Partial<SyncLimits>;
  /** The engine versions the server serves, instead of today's. */
  syncProtocol?: ProtocolRange;
  /** Where national phone numbers are read; default "US". */
  defaultRegion?: string;
  /** See StartServerOptions.autoLinkConfidence. */
  autoLinkConfidence?: number;
  /** Webhook secrets and public URL; unset, every provider refuses deliveries. */
  channelSecrets?: ChannelSecrets;
  /** The providers' send APIs and the send queue's policy; unset, replies are marked sent as stored. */
  outbound?: StartServerOptions['outbound'];
  /** Routing's interval and, for tests without sockets, presence. */
  routing?: StartServerOptions['routing'];
  /** How long a channel account's test waits for the provider. */
  channelTestTimeoutMs?: number;
  /** Connected customer records (a local Shopify double) and their refresh policy. */
  crm?: StartServerOptions['crm'];
}

export interface TestServer {
  url: string;
  port: number;
  sql: Database;
  dataDir: string;
  /** Signs in over HTTP; the password defaults to the demo password. */
  signIn(email: string, password?: string): Promise<SignInResponse>;
  /** Takes the server off the network, dropping every connection, as a crash would; the database stays. */
  stop(): Promise<void>;
  /** Listens again on the same port (and URL) after `stop()`. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** A routing pass over every routed team now, on this server (services/routing/). */
  route(): Promise<RouteOutcome[]>;
  /** Resolves when the purchase-history fetches this server started are done (`server/crm/`). */
  crmIdle(): Promise<void>;
}

/** Redis for fan-out tests; CI has one. Set CAREDESK_SKIP_REDIS=1 on a machine without Redis. */
export const testRedis = {
  url: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  skip: process.env.CAREDESK_SKIP_REDIS === '1',
};

/** A real server on a free loopback port with PGlite in a temp folder (by default), for integration tests. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'caredesk-server-'));
  const sql = await openDatabase({ dataDir, databaseUrl: options.databaseUrl, log: options.log });
  const clock = options.clock ?? Date.now;
  if (options.demoConversations !== undefined) {
    await seedDemoIfEmpty(sql, { conversations: options.demoConversations, seed: options.seed ?? 1, now: clock() });
  }
  const listen = (port: number) =>
    startServer({
      sql,
      port,
      clock,
      tokenTtlMs: options.tokenTtlMs,
      version: 'test',
      faults: options.faults,
      log: options.log,
      redisUrl: options.redisUrl,
      redisChannelPrefix: options.redisChannelPrefix,
      syncLimits: options.syncLimits,
      syncProtocol: options.syncProtocol,
      defaultRegion: options.defaultRegion,
      autoLinkConfidence: options.autoLinkConfidence,
      channelSecrets: options.channelSecrets,
      outbound: options.outbound,
      routing: options.routing,
      channelTestTimeoutMs: options.channelTestTimeoutMs,
      crm: options.crm,
    });
  let running: RunningServer | null = await listen(0).catch(async (error: unknown) => {
    await sql.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const { url, port } = running;
  const stop = async () => {
    const current = running;
    running = null;
    await current?.close();
  };
  return {
    url,
    port,
    sql,
    dataDir,
    signIn: async (email, password = DEMO_PASSWORD) => {
      const response = await fetch(new URL(HttpRoutes.signIn, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as SignInResponse;
    },
    stop,
    start: async () => {
      if (running) throw new Error('The test server is already running.');
      running = await listen(port);
    },
    route: () => {
      if (!running) throw new Error('The test server is stopped.');
      return running.routing.sweep();
    },
    crmIdle: () => {
      if (!running) throw new Error('The test server is stopped.');
      return running.crm.idle();
    },
    close: async () => {
      await stop();
      await sql.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
