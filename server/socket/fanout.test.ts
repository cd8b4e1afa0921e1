import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as connectTcp, createServer as createTcpServer } from 'node:net';
import type { Server as TcpServer, Socket as TcpSocket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io as connect } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRoutes } from '../../shared/sync/http';
import { HealthResponse } from '../../shared/sync/http';
import { ActionAck } from '../../shared/sync/actions';
import { PullAck, SYNC_PROTOCOL_VERSION, SyncEvents } from '../../shared/sync/protocol';
import type { Change, PokePayload } from '../../shared/sync/protocol';
import { startServer } from '../app';
import type { Sql } from '../db/sql';
import { createTestPostgres } from '../db/testing';
import { startTestServer, testRedis } from '../testing';
import type { TestServer } from '../testing';

const skipPostgres = process.env.CAREDESK_SKIP_POSTGRES === '1';
const root = resolve(import.meta.dirname, '../..');

// Several server processes, played by two servers in this process, each with its own pool and
// Redis clients. Both need PostgreSQL and Redis; without Redis this fails unless CAREDESK_SKIP_REDIS=1.
describe.skipIf(testRedis.skip || skipPostgres)('several server processes on one PostgreSQL and one Redis', () => {
  let database: Awaited<ReturnType<typeof createTestPostgres>> | undefined;
  let proxy: RedisProxy | undefined;
  let a: TestServer;
  let b: TestServer;
  const sockets: Socket[] = [];
  const logA = new LogRecorder();
  // Channels of this run only: parallel runs on the same Redis never see each other's pokes.
  const channelPrefix = `caredesk-test-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestPostgres();
    // Server A reaches Redis through a proxy the test can cut.
    proxy = await startRedisProxy(testRedis.url);
    a = await startTestServer({
      demoConversations: 20,
      databaseUrl: database.url,
      redisUrl: proxy.url,
      redisChannelPrefix: channelPrefix,
      log: (entry) => logA.add(entry),
    });
    b = await startTestServer({
      databaseUrl: database.url,
      redisUrl: testRedis.url,
      redisChannelPrefix: channelPrefix,
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await a?.close();
    await b?.close();
    await proxy?.close();
    await database?.drop();
  });

  async function session(server: TestServer, email: string) {
    const signedIn = await server.signIn(email);
    const socket = connect(server.url, {
      auth: { token: signedIn.token, protocol: SYNC_PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolvePromise, reject) => {
      socket.once('connect', () => resolvePromise());
      socket.once('connect_error', reject);
    });
    return { socket, signedIn };
  }

  /** Pulls everything after `cursor`; once answered, the server's room subscriptions are in effect. */
  async function pullFrom(socket: Socket, cursor: number): Promise<{ changes: Change[]; cursor: number }> {
    const changes: Change[] = [];
    for (;;) {
      const ack = PullAck.parse(await socket.emitWithAck(SyncEvents.pull, { cursor, limit: 500 }));
      if (!ack.ok) throw new Error(ack.error.message);
      changes.push(...ack.value.changes);
      cursor = ack.value.cursor;
      if (!ack.value.hasMore) return { changes, cursor };
    }
  }

  const nextPoke = (socket: Socket) =>
    new Promise<PokePayload>((resolvePromise) => socket.once(SyncEvents.poke, resolvePromise));

  async function reply(socket: Socket, conversationId: string, body: string) {
    const ack = ActionAck.parse(
      await socket.emitWithAck(SyncEvents.action, {
        id: `client-${randomBytes(6).toString('hex')}`,
        action: { type: 'reply', conversationId, seenAssigneeId: null, body },
      }),
    );
    if (!ack.ok) throw new Error(ack.error.message);
    if (!ack.value.message) throw new Error('the reply stored no message');
    return ack.value.message;
  }

  async function inbound(server: TestServer, token: string, from: string, body: string) {
    const response = await fetch(new URL('/api/inbound', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ channel: 'sms', from, body }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { conversationId: string; message: { id: string } };
  }

  async function health(server: TestServer) {
    const response = await fetch(new URL('/health', server.url));
    expect(response.status).toBe(200);
    return HealthResponse.parse(await response.json());
  }

  async function conversationOf(teamId: string): Promise<string> {
    const [row] = await a.sql.query<{ id: string }>(
      'select id from conversations where team_id = $1 order by id limit 1',
      [teamId],
    );
    if (!row) throw new Error(`no conversation in ${teamId}`);
    return row.id;
  }

  it('reports the Redis fan-out and the shared PostgreSQL in /health', async () => {
    for (const server of [a, b]) {
      expect(await health(server)).toMatchObject({
        status: 'ok',
        storage: { kind: 'postgres', ok: true },
        fanout: 'redis',
        fanoutOk: true,
      });
    }
  });

  it('pokes a socket on B when a reply is sent or an inbound message arrives through A, and B serves the change', async () => {
    // rep02 is in the Orders team only: one room, so its own sharded channel.
    const watcher = await session(b, 'rep02@northwind.example');
    const sender = await session(a, 'lead01@northwind.example');
    const teamId = watcher.signedIn.user.teamIds[0] ?? '';
    let { cursor } = await pullFrom(watcher.socket, 0);

    const replied = nextPoke(watcher.socket);
    const message = await reply(sender.socket, await conversationOf(teamId), 'Sent through A.');
    const poke = await replied;
    expect(poke.seq).toBeGreaterThan(cursor);
    let pulled = await pullFrom(watcher.socket, cursor);
    expect(pulled.changes.find((c) => c.kind === 'message' && c.data.id === message.id)?.data).toMatchObject({
      body: 'Sent through A.',
      authorId: 'user-lead01',
    });
    expect(pulled.cursor).toBeGreaterThanOrEqual(poke.seq);
    cursor = pulled.cursor;

    const arrived = nextPoke(watcher.socket);
    const received = await inbound(a, sender.signedIn.token, '+1 415 555 0142', 'Posted to A.');
    expect((await arrived).seq).toBeGreaterThan(cursor);
    pulled = await pullFrom(watcher.socket, cursor);
    expect(
      pulled.changes.find((c) => c.kind === 'conversation' && c.data.id === received.conversationId)?.data,
    ).toMatchObject({ teamId, lastMessagePreview: 'Posted to A.' });
    expect(pulled.changes.some((c) => c.kind === 'message' && c.data.id === received.message.id)).toBe(true);
  });

  it('disconnects a session’s sockets on B at once when it signs out through A', async () => {
    const { socket, signedIn } = await session(b, 'rep03@northwind.example');
    const disconnected = new Promise<string>((resolvePromise) => socket.once('disconnect', resolvePromise));
    const response = await fetch(new URL(HttpRoutes.signOut, a.url), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${signedIn.token}` },
    });
    expect(response.status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
  });

  it('keeps serving its own sockets while Redis is lost, and fans out again once it is back', async () => {
    const onA = await session(a, 'rep03@northwind.example');
    const onB = await session(b, 'rep04@northwind.example');
    const lead = await session(b, 'lead02@northwind.example');
    const conversationId = await conversationOf(onA.signedIn.user.teamIds[0] ?? '');
    await pullFrom(onA.socket, 0);
    await pullFrom(onB.socket, 0);

    const lost = Promise.all([logA.next(/publisher connection lost/), logA.next(/subscriber connection lost/)]);
    await proxy?.cut();
    await lost;
    // A's own sockets are still served (status ok), but pokes from other processes are missed.
    expect(await health(a)).toMatchObject({ status: 'ok', fanout: 'redis', fanoutOk: false });
    expect(await health(b)).toMatchObject({ status: 'ok', fanout: 'redis', fanoutOk: true });
    const local = nextPoke(onA.socket);
    await inbound(a, lead.signedIn.token, '+1 415 555 0143', 'While Redis is away.');
    await local;

    const restored = Promise.all([
      logA.next(/publisher connection restored/),
      logA.next(/subscriber connection restored/),
    ]);
    await proxy?.restore();
    await restored;
    expect(await health(a)).toMatchObject({ status: 'ok', fanout: 'redis', fanoutOk: true });
    const toA = nextPoke(onA.socket);
    await reply(lead.socket, conversationId, 'Through B, to A.');
    await toA;
    const toB = nextPoke(onB.socket);
    await inbound(a, lead.signedIn.token, '+1 415 555 0144', 'Through A, to B.');
    await toB;
  });

  it('does not start when Redis is unreachable', async () => {
    const closedPort = await freePort();
    const sql = a.sql;
    await expect(
      startServer({ sql, port: 0, version: 'test', redisUrl: `redis://127.0.0.1:${closedPort}` }),
    ).rejects.toThrow(/Redis at redis:\/\/127\.0\.0\.1:\d+ is not usable: .*ECONNREFUSED/);

    const cli = await runCli({ DATABASE_URL: database?.url, REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is not usable/);
  });
});

describe('REDIS_URL without DATABASE_URL', () => {
  it('is refused by startServer on PGlite, before it touches the database', async () => {
    const untouched = () => Promise.reject(new Error('the database was used'));
    const pglite: Sql = { kind: 'pglite', query: untouched, transaction: untouched };
    await expect(startServer({ sql: pglite, port: 0, version: 'test', redisUrl: testRedis.url })).rejects.toThrow(
      /REDIS_URL needs DATABASE_URL/,
    );
  });

  it('is refused by the CLI with exit code 1', async () => {
    const result = await runCli({ REDIS_URL: testRedis.url, DATABASE_URL: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/REDIS_URL needs DATABASE_URL/);
  });
});

/** Runs `server/cli.ts` on a free port in a temp data folder and resolves when it exits. */
async function runCli(env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'caredesk-cli-'));
  const childEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--data', dataDir], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      // Started after all: stop it, and let the exit code tell.
      if (chunk.toString().includes('listening on')) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolvePromise) => child.once('exit', resolvePromise));
    return { code, stderr };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A loopback port nothing listens on (just released). */
async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
  return port;
}

/** Collects log entries and resolves waiters when an entry's message matches. */
class LogRecorder {
  private readonly entries: string[] = [];
  private readonly waiters: { pattern: RegExp; resolve: () => void }[] = [];

  add(entry: unknown): void {
    const text = entry instanceof Error ? entry.message : String(entry);
    this.entries.push(text);
    for (const waiter of [...this.waiters]) {
      if (!waiter.pattern.test(text)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** Resolves on the next entry matching `pattern` (entries logged before the call do not count). */
  next(pattern: RegExp): Promise<void> {
    return new Promise((resolvePromise) => this.waiters.push({ pattern, resolve: resolvePromise }));
  }
}

interface RedisProxy {
  /** The Redis URL with the proxy's host and port. */
  url: string;
  /** Drops every proxied connection and refuses new ones, as if Redis went away. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy in front of Redis, so one server can lose Redis without touching anyone else's. */
async function startRedisProxy(target: string): Promise<RedisProxy> {
  const upstream = new URL(target);
  const open = new Set<TcpSocket>();
  let server: TcpServer | null = null;
  let port = 0;
  const listen = async () => {
    const next = createTcpServer((client) => {
      const remote = connectTcp(Number(upstream.port || 6379), upstream.hostname);
      for (const socket of [client, remote]) {
        open.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          open.delete(socket);
          client.destroy();
          remote.destroy();
        });
      }
      client.pipe(remote).pipe(client);
    });
    await new Promise<void>((resolvePromise, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolvePromise());
    });
    port = (next.address() as { port: number }).port;
    server = next;
  };
  const cut = async () => {
    const current = server;
    server = null;
    if (!current) return;
    const closed = new Promise<void>((resolvePromise) => current.close(() => resolvePromise()));
    for (const socket of open) socket.destroy();
    await closed;
  };
  await listen();
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return { url: url.toString(), cut, restore: listen, close: cut };
}
