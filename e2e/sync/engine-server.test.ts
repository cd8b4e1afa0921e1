// The desktop engine against the real central server, over socket.io on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/services/api/dispatch';
import { createEngine } from '../../electron/services/api/engine';
import type { Engine } from '../../electron/services/api/engine';
import { createMemorySecretStore } from '../../electron/services/session/secret-store';
import { nextEvent } from '../../electron/services/testing/events';
import { startServer } from '../../server/app';
import type { RunningServer } from '../../server/app';
import { openDatabase } from '../../server/db/open';
import type { Database } from '../../server/db/sql';
import { DEMO_PASSWORD } from '../../server/demo/generate';
import { seedDemoIfEmpty } from '../../server/demo/seed';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { SYNC_PROTOCOL_VERSION, SyncEvents } from '../../shared/sync';
import type { SendReplyAck } from '../../shared/sync';

const REP = 'rep01@northwind.example';
const LEAD = 'lead01@northwind.example';
const ADMIN = 'admin@northwind.example';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function engineFor(serverUrl: string): Promise<Engine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-e2e-engine-'));
  const engine = await createEngine({ dataDir, serverUrl, secretStore: createMemorySecretStore(), log: () => {} });
  cleanups.push(async () => {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return engine;
}

async function signIn(engine: Engine, email: string): Promise<void> {
  const online = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online', 30_000);
  const result = await dispatchCall(engine.handlers, 'session:signIn', { email, password: DEMO_PASSWORD });
  expect(result).toMatchObject({ ok: true });
  await online;
}

async function serverCount(sql: Database, text: string, params: unknown[]): Promise<number> {
  const rows = await sql.query<{ n: unknown }>(text, params);
  return Number(rows[0]?.n);
}

describe('engine ↔ server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demoConversations: 80 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('first sync brings exactly what the server lets the user see', async () => {
    const engine = await engineFor(server.url);
    await signIn(engine, REP);
    const me = await engine.handlers['session:me']({});
    const teamIds = me.user?.teamIds ?? [];
    expect(teamIds.length).toBeGreaterThan(0);
    const visible = await serverCount(server.sql, 'select count(*) as n from conversations where team_id = any($1)', [
      teamIds,
    ]);
    expect(visible).toBeGreaterThan(0);
    const page = await engine.handlers['inbox:list']({ filter: 'all', limit: 50 });
    expect(page.total).toBe(visible);
    const first = page.items[0];
    if (!first) throw new Error('no conversation synced');
    const detail = await engine.handlers['inbox:get']({ conversationId: first.id });
    const serverMessages = await serverCount(
      server.sql,
      'select count(*) as n from messages where conversation_id = $1',
      [first.id],
    );
    expect(detail.messages).toHaveLength(serverMessages);
    expect(detail.customer.id).toBe(first.customerId);
  });

  it('a live inbound message reaches the cache and says which conversation changed', async () => {
    const engine = await engineFor(server.url);
    await signIn(engine, LEAD);
    const admin = await server.signIn(ADMIN);
    const body = `Is my parcel lost? ref ${Date.now()}`;
    const changed = nextEvent(engine, 'inbox:changed', () => true, 20_000);
    const response = await fetch(new URL('/api/inbound', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ channel: 'sms', from: '+1 415 555 0142', body, name: 'Pat Doe' }),
    });
    expect(response.ok).toBe(true);
    const { conversationId } = (await response.json()) as { conversationId: string };
    let event = await changed;
    while (!event.conversationIds.includes(conversationId))
      event = await nextEvent(engine, 'inbox:changed', () => true, 20_000);
    await engine.idle();
    const detail = await engine.handlers['inbox:get']({ conversationId });
    expect(detail.messages.map((m) => m.body)).toContain(body);
    expect(
      (await engine.handlers['search:messages']({ query: 'parcel lo', limit: 10 })).hits.map((h) => h.conversationId),
    ).toContain(conversationId);
  });

  it('a reply is stored on the server exactly once, even when sent twice', async () => {
    const engine = await engineFor(server.url);
    await signIn(engine, REP);
    const conversation = (await engine.handlers['inbox:list']({ filter: 'all', limit: 1 })).items[0];
    if (!conversation) throw new Error('no conversation');
    const body = `We are on it (${Date.now()})`;
    const drained = nextEvent(engine, 'sync:changed', (s) => s.pendingReplies === 0, 20_000);
    const pending = await engine.handlers['reply:send']({ conversationId: conversation.id, body });
    expect(pending.status).toBe('pending');
    await drained;
    await engine.idle();

    // The same idempotency key again, as a retry after a lost ack would send it.
    const rep = await server.signIn(REP);
    const socket = io(server.url, {
      auth: { token: rep.token, protocol: SYNC_PROTOCOL_VERSION },
      transports: ['websocket'],
    });
    cleanups.push(() => void socket.close());
    const ack = (await socket.timeout(10_000).emitWithAck(SyncEvents.sendReply, {
      clientId: pending.clientId,
      conversationId: conversation.id,
      body,
    })) as SendReplyAck;
    expect(ack.ok).toBe(true);

    expect(
      await serverCount(server.sql, 'select count(*) as n from messages where client_id = $1', [pending.clientId]),
    ).toBe(1);
    const local = (await engine.handlers['inbox:get']({ conversationId: conversation.id })).messages.filter(
      (m) => m.body === body,
    );
    expect(local).toHaveLength(1);
    expect(local[0]?.status).not.toBe('pending');
    expect(local[0]?.id).not.toBe(pending.id);
  });

  it('says the server is unreachable, or the password wrong, in words a rep can act on', async () => {
    const wrong = await engineFor(server.url);
    expect(await dispatchCall(wrong.handlers, 'session:signIn', { email: REP, password: 'not-it' })).toEqual({
      ok: false,
      error: { code: 'bad_credentials', message: 'Wrong email or password.' },
    });
    // A loopback port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const goneUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const offline = await engineFor(goneUrl);
    expect(await dispatchCall(offline.handlers, 'session:signIn', { email: REP, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      error: {
        code: 'server_unreachable',
        message: `Can't reach the Caredesk server at ${goneUrl}. Check your connection or the server address.`,
      },
    });
  });
});

describe('engine ↔ server restarts', () => {
  it('queues a reply while the server is down and delivers it once after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-e2e-server-'));
    const sql = await openDatabase({ dataDir });
    cleanups.push(async () => {
      await sql.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    await seedDemoIfEmpty(sql, { conversations: 30, seed: 3, now: Date.now() });
    let running: RunningServer = await startServer({ sql, port: 0, version: 'test', log: () => {} });
    cleanups.push(() => running.close());
    const port = running.port;

    const engine = await engineFor(running.url);
    await signIn(engine, REP);
    const conversation = (await engine.handlers['inbox:list']({ filter: 'all', limit: 1 })).items[0];
    if (!conversation) throw new Error('no conversation');

    const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline', 20_000);
    await running.close();
    await offline;
    expect((await engine.handlers['sync:status']({})).connection).toBe('offline');

    const body = `Queued while offline (${Date.now()})`;
    const pending = await engine.handlers['reply:send']({ conversationId: conversation.id, body });
    expect(pending.status).toBe('pending');
    expect((await engine.handlers['sync:status']({})).pendingReplies).toBe(1);
    // Reads keep working from the cache.
    expect((await engine.handlers['inbox:get']({ conversationId: conversation.id })).messages.at(-1)?.body).toBe(body);

    const delivered = nextEvent(
      engine,
      'sync:changed',
      (s) => s.connection === 'online' && s.pendingReplies === 0,
      30_000,
    );
    running = await startServer({ sql, port, version: 'test', log: () => {} });
    await delivered;
    await engine.idle();
    expect(await serverCount(sql, 'select count(*) as n from messages where client_id = $1', [pending.clientId])).toBe(
      1,
    );
    const local = (await engine.handlers['inbox:get']({ conversationId: conversation.id })).messages.filter(
      (m) => m.body === body,
    );
    expect(local).toHaveLength(1);
  }, 60_000);
});
