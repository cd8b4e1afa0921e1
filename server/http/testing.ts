// Route tests' servers: the same test on embedded PGlite and on PostgreSQL (skipped with
// CAREDESK_SKIP_POSTGRES=1), each a fresh server with the demo's teams and users.
import { afterAll, beforeAll } from 'vitest';
import { createTestPostgres } from '../db/testing';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';

export interface RouteBackend {
  kind: 'pglite' | 'postgres';
  start(): Promise<{ server: TestServer; dispose(): Promise<void> }>;
}

type Options = Omit<NonNullable<Parameters<typeof startTestServer>[0]>, 'databaseUrl'>;

/** `options` may be a function, read when a server starts (after the test's doubles have). */
export function routeBackends(given: Options | (() => Options)): RouteBackend[] {
  const options = () => (typeof given === 'function' ? given() : given);
  const backends: RouteBackend[] = [
    {
      kind: 'pglite',
      start: async () => {
        const server = await startTestServer({ demoConversations: 0, ...options() });
        return { server, dispose: () => server.close() };
      },
    },
    {
      kind: 'postgres',
      start: async () => {
        const database = await createTestPostgres();
        const server = await startTestServer({ demoConversations: 0, ...options(), databaseUrl: database.url });
        return {
          server,
          dispose: async () => {
            await server.close();
            await database.drop();
          },
        };
      },
    },
  ];
  return process.env.CAREDESK_SKIP_POSTGRES === '1' ? backends.slice(0, 1) : backends;
}

/** A JSON request with a bearer token, answered as `{ status, body }` (null for an empty body). */
export async function callRoute(server: TestServer, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(new URL(path, server.url), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

/** Who the route tests sign in as: the demo's admin, a lead and a rep. */
export interface SignedIn {
  readonly server: TestServer;
  readonly tokens: { admin: string; lead: string; rep: string };
  call: (token: string, method: string, path: string, body?: unknown) => ReturnType<typeof callRoute>;
}

/** Starts the backend's server before the suite's tests (signing the three in) and disposes of it after. */
export function signedInServer(backend: RouteBackend): SignedIn {
  let started: Awaited<ReturnType<RouteBackend['start']>> | undefined;
  const tokens = { admin: '', lead: '', rep: '' };
  const signedIn: SignedIn = {
    get server() {
      if (!started) throw new Error('the server starts in beforeAll');
      return started.server;
    },
    tokens,
    call: (token, method, path, body) => callRoute(signedIn.server, token, method, path, body),
  };
  beforeAll(async () => {
    started = await backend.start();
    tokens.admin = (await started.server.signIn('admin@northwind.example')).token;
    tokens.lead = (await started.server.signIn('lead01@northwind.example')).token;
    tokens.rep = (await started.server.signIn('rep01@northwind.example')).token;
  });
  afterAll(async () => {
    await started?.dispose();
  });
  return signedIn;
}
