// Signing in, staying signed in and signing out, with the engine against the real server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/services/api/dispatch';
import type { Engine } from '../../electron/services/api/engine';
import { createMemorySecretStore } from '../../electron/services/session/secret-store';
import type { SecretStore } from '../../electron/services/session/secret-store';
import { nextEvent } from '../../electron/services/testing/events';
import { deleteSession } from '../../server/db/sessions';
import { DEMO_PASSWORD } from '../../server/demo/generate';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, engineFor, REP, serverCount, signIn, unusedUrl } from './support';

const BILLING_ONLY_REP = 'rep11@northwind.example';
const TTL = 60 * 60 * 1000;
/** One clock for the server and the engines, so that a test can let a session expire. */
let now = Date.now();
let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 12, clock: () => now, tokenTtlMs: TTL });
});
afterAll(() => server.close());
afterEach(cleanups.run);

async function setup(options: { dataDir?: string; secretStore?: SecretStore } = {}) {
  const secretStore = options.secretStore ?? createMemorySecretStore();
  const engine = await engineFor(cleanups, server.url, {
    secretStore,
    clock: () => now,
    sync: { retryDelayMs: 50 },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const token = () => secretStore.get(`session-token@${server.url}`);
  return { engine, secretStore, token };
}

async function someConversation(engine: Engine): Promise<string> {
  const conversation = (await engine.handlers['inbox:list']({ filter: 'all', limit: 1 })).items[0];
  if (!conversation) throw new Error('no conversation synced');
  return conversation.id;
}

const count = (engine: Engine, table: 'outbox' | 'conversations' | 'messages') =>
  (engine.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('session ↔ server', () => {
  it('maps sign-in failures to errors a rep can act on', async () => {
    const { engine: wrong } = await setup();
    expect(await dispatchCall(wrong.handlers, 'session:signIn', { email: REP, password: 'not-it' })).toEqual({
      ok: false,
      error: { code: 'bad_credentials', message: 'Wrong email or password.' },
    });
    const goneUrl = await unusedUrl();
    const offline = await engineFor(cleanups, goneUrl);
    expect(await dispatchCall(offline.handlers, 'session:signIn', { email: REP, password: DEMO_PASSWORD })).toEqual({
      ok: false,
      error: {
        code: 'server_unreachable',
        message: `Can't reach the Caredesk server at ${goneUrl}. Check your connection or the server address.`,
      },
    });
    expect(await dispatchCall(offline.handlers, 'inbox:list', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('ends the session when a reconnect is refused because the token expired meanwhile', async () => {
    const { engine, token } = await setup();
    await signIn(engine, REP);
    expect(await token()).not.toBeNull();
    const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    await offline;
    now += TTL;
    const ended = nextEvent(engine, 'session:ended');
    await server.start();
    expect((await ended).reason).toBe('Your session has expired. Sign in again.');
    expect((await engine.handlers['session:me']({})).user).toBeNull();
    expect(await token()).toBeNull();
    expect(await engine.handlers['sync:status']({})).toMatchObject({
      connection: 'offline',
      detail: 'Your session has expired. Sign in again.',
    });
  });

  it('ends the session when the token expires mid-session, and keeps the reply for the next sign-in', async () => {
    const { engine, token } = await setup();
    await signIn(engine, REP);
    const conversationId = await someConversation(engine);
    now += TTL;
    const ended = nextEvent(engine, 'session:ended');
    const pending = await engine.handlers['reply:send']({ conversationId, body: 'Written as the session ran out' });
    expect((await ended).reason).toBe('Your session has expired. Sign in again.');
    expect(await token()).toBeNull();
    expect((await engine.handlers['session:me']({})).user).toBeNull();
    expect((await engine.handlers['sync:status']({})).pendingReplies).toBe(1);
    expect(
      await serverCount(server.sql, 'select count(*) as n from messages where client_id = $1', [pending.clientId]),
    ).toBe(0);

    // The same rep signs in again: the cache, outbox included, is theirs, and the reply goes out.
    const drained = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online' && s.pendingReplies === 0);
    await signIn(engine, REP);
    await drained;
    await engine.idle();
    expect(
      await serverCount(server.sql, 'select count(*) as n from messages where client_id = $1', [pending.clientId]),
    ).toBe(1);
  });

  it('ends the session when the server no longer knows the token', async () => {
    const { engine, token } = await setup();
    await signIn(engine, REP);
    const revoked = await token();
    if (revoked === null) throw new Error('no token stored');
    const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    await offline;
    await deleteSession(server.sql, revoked);
    const ended = nextEvent(engine, 'session:ended');
    await server.start();
    expect((await ended).reason).toBe('Please sign in again.');
    expect(await token()).toBeNull();
    expect((await engine.handlers['session:me']({})).user).toBeNull();
  });

  it('resumes a stored session at start, and clears the cache for another user', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-e2e-session-'));
    cleanups.add(() => rmSync(dataDir, { recursive: true, force: true }));
    const secretStore = createMemorySecretStore();
    const first = (await setup({ dataDir, secretStore })).engine;
    await signIn(first, REP);
    const total = (await first.handlers['inbox:list']({ filter: 'all', limit: 50 })).total;
    expect(total).toBeGreaterThan(0);
    await first.close();

    const again = (await setup({ dataDir, secretStore })).engine;
    const online = nextEvent(again, 'sync:changed', (s) => s.connection === 'online');
    await again.start();
    await online;
    expect((await again.handlers['session:me']({})).user?.email).toBe(REP);
    expect((await again.handlers['inbox:list']({ filter: 'all', limit: 50 })).total).toBe(total);
    await again.close();

    // Someone else signs in on this machine: they never see the previous rep's customers.
    const other = (await setup({ dataDir, secretStore })).engine;
    await signIn(other, BILLING_ONLY_REP);
    const billing = await serverCount(
      server.sql,
      "select count(*) as n from conversations where team_id = 'team-billing'",
    );
    expect((await other.handlers['inbox:list']({ filter: 'all', limit: 50 })).total).toBe(billing);
    expect(other.db.prepare("SELECT count(*) AS n FROM conversations WHERE team_id <> 'team-billing'").get()).toEqual({
      n: 0,
    });
  });

  it('signs out: forgets the token and empties the cache', async () => {
    const { engine, token } = await setup();
    await signIn(engine, REP);
    expect(count(engine, 'conversations')).toBeGreaterThan(0);
    const info = await dispatchCall(engine.handlers, 'session:signOut', {});
    expect(info).toMatchObject({ ok: true, value: { user: null } });
    expect(await token()).toBeNull();
    expect(count(engine, 'conversations')).toBe(0);
    expect(count(engine, 'messages')).toBe(0);
  });

  it('refuses to sign out while replies have not reached the server, unless told to discard them', async () => {
    const { engine, token } = await setup();
    await signIn(engine, REP);
    const conversationId = await someConversation(engine);
    const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    cleanups.add(() => server.start());
    await offline;
    await engine.handlers['reply:send']({ conversationId, body: 'First, unsent' });
    const messages = count(engine, 'messages');

    expect(await dispatchCall(engine.handlers, 'session:signOut', {})).toEqual({
      ok: false,
      error: {
        code: 'unsent_replies',
        message: '1 reply has not reached the server yet. Reconnect to send it, or sign out anyway to discard it.',
      },
    });
    // Nothing changed: still signed in, the token kept, the reply still waiting.
    expect((await engine.handlers['session:me']({})).user?.email).toBe(REP);
    expect(await token()).not.toBeNull();
    expect(count(engine, 'outbox')).toBe(1);
    expect(count(engine, 'messages')).toBe(messages);

    await engine.handlers['reply:send']({ conversationId, body: 'Second, unsent' });
    expect(await dispatchCall(engine.handlers, 'session:signOut', { discardUnsentReplies: false })).toMatchObject({
      ok: false,
      error: {
        code: 'unsent_replies',
        message:
          '2 replies have not reached the server yet. Reconnect to send them, or sign out anyway to discard them.',
      },
    });
    expect(count(engine, 'outbox')).toBe(2);

    const out = await dispatchCall(engine.handlers, 'session:signOut', { discardUnsentReplies: true });
    expect(out).toMatchObject({ ok: true, value: { user: null } });
    expect(await token()).toBeNull();
    expect(count(engine, 'outbox')).toBe(0);
    expect(count(engine, 'messages')).toBe(0);
  });
});
