import { createServer as createTcpServer } from 'node:net';
import type { Server as TcpServer, Socket as TcpSocket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthResponse } from '../shared/sync/http';
import { startServer } from './app';
import type { RunningServer } from './app';
import { openPostgres } from './db/postgres';
import type { Database, Sql } from './db/sql';
import { createTestPostgres } from './db/testing';

const skipPostgres = process.env.CAREDESK_SKIP_POSTGRES === '1';

describe('health and timeouts when storage is unreachable', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function serve(sql: Sql, healthTimeoutMs?: number): Promise<{ server: RunningServer; logged: unknown[] }> {
    const logged: unknown[] = [];
    const server = await startServer({ sql, port: 0, version: 'test', log: (e) => logged.push(e), healthTimeoutMs });
    cleanup.push(() => server.close());
    return { server, logged };
  }

  async function health(server: RunningServer) {
    const response = await fetch(new URL('/health', server.url));
    return { status: response.status, body: HealthResponse.parse(await response.json()) };
  }

  function track(db: Database): Database {
    cleanup.push(() => db.close());
    return db;
  }

  it('reports degraded when PostgreSQL refuses connections', async () => {
    const port = await closedPort();
    const db = track(openPostgres(`postgres://postgres@127.0.0.1:${port}/caredesk`, { log: () => undefined }));
    const { server, logged } = await serve(db);
    expect(await health(server)).toEqual({
      status: 503,
      body: {
        status: 'degraded',
        version: 'test',
        storage: { kind: 'postgres', ok: false },
        protocol: expect.any(Number) as number,
        fanout: 'local',
        fanoutOk: true,
      },
    });
    expect(String(logged[0])).toMatch(/ECONNREFUSED/);
  });

  it('gives up connecting to a PostgreSQL that never answers after connectionTimeoutMillis', async () => {
    const silent = await silentServer();
    cleanup.push(silent.close);
    const db = track(
      openPostgres(`postgres://postgres@127.0.0.1:${silent.port}/caredesk`, {
        connectionTimeoutMillis: 100,
        log: () => undefined,
      }),
    );
    await expect(db.query('select 1')).rejects.toThrow(/timeout/i);
    const { server } = await serve(db, 60_000);
    expect(await health(server)).toMatchObject({ status: 503, body: { status: 'degraded' } });
  });

  it('answers degraded instead of hanging when storage does not answer', async () => {
    const never = () => new Promise<never>(() => undefined);
    const stuck: Sql = { kind: 'pglite', query: never, transaction: never };
    const { server, logged } = await serve(stuck, 50);
    expect(await health(server)).toMatchObject({
      status: 503,
      body: { status: 'degraded', storage: { kind: 'pglite', ok: false } },
    });
    expect(String(logged[0])).toMatch(/timed out after 50 ms/);
  });

  it.skipIf(skipPostgres)('sets a statement timeout and logs connections the pool loses', async () => {
    const database = await createTestPostgres();
    cleanup.push(() => database.drop());
    const logged: unknown[] = [];
    const lost = new Promise<void>((resolve) => {
      const db = track(openPostgres(database.url, { max: 1, log: (e) => (logged.push(e), resolve()) }));
      void (async () => {
        expect(await db.query<{ statement_timeout: string }>('show statement_timeout')).toEqual([
          { statement_timeout: '30s' },
        ]);
        const [own] = await db.query<{ pid: number }>('select pg_backend_pid() as pid');
        // Ends the pool's idle connection from outside, as a PostgreSQL restart would.
        const other = track(openPostgres(database.url, { max: 1 }));
        await other.query('select pg_terminate_backend($1)', [own?.pid]);
      })();
    });
    await lost;
    expect(String(logged[0])).toMatch(/PostgreSQL connection lost/);
  });
});

/** A loopback port nothing listens on (just released). */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections and never says a word, like a host behind a black-holing firewall. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<TcpSocket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
