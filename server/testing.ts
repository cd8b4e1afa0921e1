import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignInResponse } from '../shared/sync/http';
import { HttpRoutes } from '../shared/sync/http';
import { startServer } from './app';
import { openDatabase } from './db/open';
import type { Database } from './db/sql';
import { DEMO_PASSWORD } from './demo/generate';
import { seedDemoIfEmpty } from './demo/seed';

export interface TestServerOptions {
  /** Load the demo organisation with this many conversations (0 = teams and users only). */
  demoConversations?: number;
  seed?: number;
  /** Anchors demo data and token expiry; defaults to Date.now. */
  clock?: () => number;
  tokenTtlMs?: number;
}

export interface TestServer {
  url: string;
  port: number;
  sql: Database;
  dataDir: string;
  /** Signs in over HTTP; the password defaults to the demo password. */
  signIn(email: string, password?: string): Promise<SignInResponse>;
  close(): Promise<void>;
}

/** A real server on a free loopback port with PGlite in a temp folder, for integration tests. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'caredesk-server-'));
  const sql = await openDatabase({ dataDir });
  const clock = options.clock ?? Date.now;
  if (options.demoConversations !== undefined) {
    await seedDemoIfEmpty(sql, { conversations: options.demoConversations, seed: options.seed ?? 1, now: clock() });
  }
  const server = await startServer({ sql, port: 0, clock, tokenTtlMs: options.tokenTtlMs, version: 'test' });
  return {
    url: server.url,
    port: server.port,
    sql,
    dataDir,
    signIn: async (email, password = DEMO_PASSWORD) => {
      const response = await fetch(new URL(HttpRoutes.signIn, server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as SignInResponse;
    },
    close: async () => {
      await server.close();
      await sql.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
