// Signing in, staying signed in and signing out, with the engine against the real server.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncState } from '../../shared/api';
import { dispatchCall } from '../../electron/services/api/dispatch';
import type { Engine } from '../../electron/services/api/engine';
import { createMemorySecretStore } from '../../electron/services/session/secret-store';
import type { SecretStore } from '../../electron/services/session/secret-store';
import { nextEvent } from '../../electron/services/testing/events';
import { deleteSession } from '../../server/db/sessions';
import { DEMO_PASSWORD } from '../../server/demo/generate';
import { authenticate } from '../../server/services/auth';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, engineFor, LEAD, REP, serverCount, signIn, storedToken, unusedUrl } from './support';

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

async function setup(options: { dataDir?: string; secretStore?: SecretStore; pageSize?: number } = {}) {
  const secretStore = options.secretStore ?? createMemorySecretStore();
  const engine = await engineFor(cleanups, server.url, {
    secretStore,
    clock: () => now,
    sync: { retryDelayMs: 50, ...(options.pageSize ? { pageSize: options.pageSize } : {}) },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const stored = storedToken(engine, secretStore, server.url);
  const token = async () => (await stored())?.token ?? null;
  return { engine, secretStore, token, stored };
}

async function someConversation(engine: Engine): Promise<string> {
  const conversation = (await engine.handlers['inbox:list']({ filter: 'all', limit: 1 })).items[0];
  if (!conversation) throw new Error('no conversation synced');
  return conversation.id;
}

const count = (engine: Engine, table: 'outbox' | 'conversations' | 'messages') =>
  (engine.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Signs rep01 in and resolves once the outbox has drained and sync is idle. */
async function signInAndDrain(engine: Engine): Promise<void> {
  const drained = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online' && s.pendingActions === 0);
  await signIn(engine, REP);
  await drained;
  await engine.idle();
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-e2e-session-'));
  cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Takes the server down (the engine must notice first); returns how to bring it back. */
async function serverDown(engine: Engine): Promise<() => Promise<void>> {
  const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline');
  await server.stop();
  let down = true;
  cleanups.add(async () => {
    if (down) await server.start();
  });
  await offline;
  return async () => {
    down = false;
    await server.start();
  };
}

/** A signed-in engine whose replies never reached the server; closed, with the server back up. */
async function cacheWithUnsentReplies(dataDir: string, bodies: string[], secretStore?: SecretStore) {
  const { engine } = await setup({ dataDir, ...(secretStore ? { secretStore } : {}) });
  await signIn(engine, REP);
  const conversationId = await someConversation(engine);
  const up = await serverDown(engine);
  const clientIds: (string | null)[] = [];
  for (const body of bodies) clientIds.push((await engine.handlers['reply:send']({ conversationId, body })).clientId);
  await engine.close();
  await up();
  return clientIds;
}

/** A memory keychain that can be made to fail, as a locked or broken one does, or never to answer. */
function breakableSecretStore() {
  const inner = createMemorySecretStore();
  const broken: { set: boolean; delete: false | 'fail' | 'hang' } = { set: false, delete: false };
  const fail = () => Promise.reject(new Error('The keychain is locked.'));
  const store: SecretStore = {
    kind: 'memory',
    get: (account) => inner.get(account),
    set: (account, secret) => (broken.set ? fail() : inner.set(account, secret)),
    delete: (account) =>
      broken.delete === 'fail'
        ? fail()
        : broken.delete === 'hang'
          ? new Promise<void>(() => {})
          : inner.delete(account),
  };
  return { store, broken };
}

const authorsOf = (clientIds: (string | null)[]) =>
  server.sql.query<{ author_id: string }>('select author_id from messages where client_id = any($1::text[])', [
    clientIds,
  ]);

async function nameOf(email: string): Promise<string> {
  const [row] = await server.sql.query<{ name: string }>('select name from users where email = $1', [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.name;
}

const userIdOf = (engine: Engine) => engine.db.prepare("SELECT value FROM meta WHERE key = 'user_id'").pluck().get();

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
    expect((await engine.handlers['sync:status']({})).pendingActions).toBe(1);
    expect(
      await serverCount(server.sql, 'select count(*) as n from messages where client_id = $1', [pending.clientId]),
    ).toBe(0);

    // The same rep signs in again: the cache, outbox included, is theirs, and the reply goes out.
    await signInAndDrain(engine);
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

  it('signs out: forgets the token, ends the session on the server and empties the cache', async () => {
    const { engine, token } = await setup();
    await signIn(engine, REP);
    expect(count(engine, 'conversations')).toBeGreaterThan(0);
    const issued = await token();
    expect(issued).not.toBeNull();
    await expect(authenticate(server.sql, issued!, now)).resolves.toBeTruthy();
    const info = await dispatchCall(engine.handlers, 'session:signOut', {});
    expect(info).toMatchObject({ ok: true, value: { user: null } });
    expect(await token()).toBeNull();
    // A copy of the token kept anywhere is now worthless.
    await expect(authenticate(server.sql, issued!, now)).rejects.toMatchObject({ code: 'unauthorized' });
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

describe('one machine, several users and apps', () => {
  it('keeps a token to its own cache: two apps on one keychain never use each other’s sign-in', async () => {
    const keychain = createMemorySecretStore(); // stands in for the one OS keychain
    const desktopDir = tempDir();
    const clientIds = await cacheWithUnsentReplies(desktopDir, ['Written by rep01 on the desktop'], keychain);

    // `npm run web` on the same machine: its own data folder, the same server and keychain.
    const webDir = tempDir();
    const web = (await setup({ dataDir: webDir, secretStore: keychain })).engine;
    await signIn(web, LEAD);
    await web.close();

    // The desktop app starts again: it resumes as its own user and sends the reply as them.
    const desktop = (await setup({ dataDir: desktopDir, secretStore: keychain })).engine;
    const drained = nextEvent(desktop, 'sync:changed', (s) => s.connection === 'online' && s.pendingActions === 0);
    await desktop.start();
    await drained;
    await desktop.idle();
    expect((await desktop.handlers['session:me']({})).user?.email).toBe(REP);
    expect(await authorsOf(clientIds)).toEqual([{ author_id: 'user-rep01' }]);

    // And the browser host still resumes as the lead.
    const webAgain = (await setup({ dataDir: webDir, secretStore: keychain })).engine;
    const online = nextEvent(webAgain, 'sync:changed', (s) => s.connection === 'online');
    await webAgain.start();
    await online;
    expect((await webAgain.handlers['session:me']({})).user?.email).toBe(LEAD);
  });

  it('does not resume with a token issued to another user than the cache’s, and keeps the replies', async () => {
    const keychain = createMemorySecretStore();
    const dataDir = tempDir();
    const clientIds = await cacheWithUnsentReplies(dataDir, ['Written by rep01, restored from a backup'], keychain);
    // A copy of the data folder (a restored backup) has the same install id, so the same keychain
    // entry; someone signs in there as the lead, discarding the copy's replies.
    const copyDir = tempDir();
    cpSync(dataDir, copyDir, { recursive: true });
    const copy = (await setup({ dataDir: copyDir, secretStore: keychain })).engine;
    const copyOnline = nextEvent(copy, 'sync:changed', (s) => s.connection === 'online');
    expect(
      await dispatchCall(copy.handlers, 'session:signIn', {
        email: LEAD,
        password: DEMO_PASSWORD,
        discardUnsentReplies: true,
      }),
    ).toMatchObject({ ok: true });
    await copyOnline;
    await copy.close();

    // The original starts: the entry holds the lead's token, and this cache is rep01's.
    const { engine, stored } = await setup({ dataDir, secretStore: keychain });
    const states: SyncState[] = [];
    engine.on('sync:changed', (s) => void states.push(s));
    await engine.start();
    expect((await engine.handlers['session:me']({})).user).toBeNull();
    expect(states).toEqual([]); // never connected
    expect(await stored()).toBeNull(); // forgotten
    expect((await engine.handlers['sync:status']({})).pendingActions).toBe(1);
    expect(await authorsOf(clientIds)).toEqual([]);

    // Its own user signs in: nothing to confirm, and the reply goes out as them.
    await signInAndDrain(engine);
    expect(await authorsOf(clientIds)).toEqual([{ author_id: 'user-rep01' }]);
  });

  it('asks before another user’s sign-in discards the previous user’s unsent replies', async () => {
    const dataDir = tempDir();
    const clientIds = await cacheWithUnsentReplies(dataDir, ['Refund approved', 'See you Monday']);
    // The app starts again without a session (a memory keychain, or the session expired).
    const { engine, token } = await setup({ dataDir });
    await engine.start();
    expect((await engine.handlers['session:me']({})).user).toBeNull();
    const conversations = count(engine, 'conversations');
    const messages = count(engine, 'messages');

    // The password is checked first.
    expect(
      await dispatchCall(engine.handlers, 'session:signIn', { email: BILLING_ONLY_REP, password: 'not-it' }),
    ).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect(
      await dispatchCall(engine.handlers, 'session:signIn', { email: BILLING_ONLY_REP, password: DEMO_PASSWORD }),
    ).toEqual({
      ok: false,
      error: {
        code: 'unsent_replies',
        message: `2 replies by ${await nameOf(REP)} have not reached the server yet. Sign in as them to send them, or sign in anyway to discard them.`,
      },
    });
    // Nothing changed: still signed out, no token, the cache and its outbox as they were.
    expect((await engine.handlers['session:me']({})).user).toBeNull();
    expect(await token()).toBeNull();
    expect(await engine.handlers['sync:status']({})).toMatchObject({ connection: 'offline', pendingActions: 2 });
    expect([count(engine, 'outbox'), count(engine, 'conversations'), count(engine, 'messages')]).toEqual([
      2,
      conversations,
      messages,
    ]);
    expect(userIdOf(engine)).toBe('user-rep01');

    // Signing in anyway discards them.
    const online = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online');
    const result = await dispatchCall(engine.handlers, 'session:signIn', {
      email: BILLING_ONLY_REP,
      password: DEMO_PASSWORD,
      discardUnsentReplies: true,
    });
    expect(result).toMatchObject({ ok: true, value: { user: { email: BILLING_ONLY_REP } } });
    await online;
    expect(count(engine, 'outbox')).toBe(0);
    expect(engine.db.prepare("SELECT count(*) AS n FROM conversations WHERE team_id <> 'team-billing'").get()).toEqual({
      n: 0,
    });
    expect(await authorsOf(clientIds)).toEqual([]);
  });

  it('changes nothing when the keychain refuses the new token; the author can still send the reply', async () => {
    const dataDir = tempDir();
    const clientIds = await cacheWithUnsentReplies(dataDir, ['Your parcel is on its way']);
    const { store, broken } = breakableSecretStore();
    const { engine } = await setup({ dataDir, secretStore: store });
    await engine.start();
    expect(
      await dispatchCall(engine.handlers, 'session:signIn', { email: BILLING_ONLY_REP, password: DEMO_PASSWORD }),
    ).toEqual({
      ok: false,
      error: {
        code: 'unsent_replies',
        message: `1 reply by ${await nameOf(REP)} has not reached the server yet. Sign in as them to send it, or sign in anyway to discard it.`,
      },
    });
    const conversations = count(engine, 'conversations');

    broken.set = true;
    expect(
      await dispatchCall(engine.handlers, 'session:signIn', {
        email: BILLING_ONLY_REP,
        password: DEMO_PASSWORD,
        discardUnsentReplies: true,
      }),
    ).toMatchObject({ ok: false });
    expect((await engine.handlers['session:me']({})).user).toBeNull();
    expect([count(engine, 'outbox'), count(engine, 'conversations')]).toEqual([1, conversations]);
    expect(userIdOf(engine)).toBe('user-rep01');

    broken.set = false;
    await signInAndDrain(engine);
    expect(await authorsOf(clientIds)).toEqual([{ author_id: 'user-rep01' }]);
  });

  it('signs out even when the keychain cannot forget the token, and a restart does not resume', async () => {
    const dataDir = tempDir();
    const { store, broken } = breakableSecretStore();
    const { engine, stored } = await setup({ dataDir, secretStore: store });
    await signIn(engine, REP);
    broken.delete = 'fail';
    expect(await dispatchCall(engine.handlers, 'session:signOut', {})).toMatchObject({
      ok: true,
      value: { user: null },
    });
    expect(count(engine, 'conversations')).toBe(0);
    expect(await stored()).not.toBeNull(); // left behind in the keychain
    await engine.close();

    const again = (await setup({ dataDir, secretStore: store })).engine;
    const states: SyncState[] = [];
    again.on('sync:changed', (s) => void states.push(s));
    await again.start();
    expect((await again.handlers['session:me']({})).user).toBeNull();
    expect(states).toEqual([]);
    // The next start tries again to forget it.
    broken.delete = false;
    await again.start();
    expect(await stored()).toBeNull();
  });

  it('empties the cache before asking the keychain to forget the token (which may never answer)', async () => {
    const dataDir = tempDir();
    const { store, broken } = breakableSecretStore();
    const { engine } = await setup({ dataDir, secretStore: store });
    await signIn(engine, REP);
    broken.delete = 'hang';
    void engine.handlers['session:signOut']({ discardUnsentReplies: false });
    expect(count(engine, 'conversations')).toBe(0);
    await engine.close(); // the app quits while the keychain is still thinking

    const again = (await setup({ dataDir, secretStore: store })).engine;
    broken.delete = false;
    await again.start();
    expect((await again.handlers['session:me']({})).user).toBeNull();
    expect(count(again, 'conversations')).toBe(0);
  });

  it('starts the next user’s first sync from scratch, after a sign-out and after a switch', async () => {
    const { engine } = await setup({ pageSize: 20 });
    await signIn(engine, REP);
    expect((await engine.handlers['sync:status']({})).lastSyncedAt).toBe(now);
    expect(await dispatchCall(engine.handlers, 'session:signOut', {})).toMatchObject({ ok: true });
    expect((await engine.handlers['sync:status']({})).lastSyncedAt).toBeNull();

    // BILLING_ONLY_REP after the sign-out; then REP again, straight from BILLING_ONLY_REP's session.
    for (const email of [BILLING_ONLY_REP, REP]) {
      now += 1000;
      const states: SyncState[] = [];
      const off = engine.on('sync:changed', (s) => void states.push(s));
      await signIn(engine, email);
      off();
      // From the new user's first state (the previous session's last one may still say when it synced).
      const sync = states.slice(states.findIndex((s) => s.connection === 'syncing'));
      const online = sync.findIndex((s) => s.connection === 'online');
      expect(sync.slice(0, online).map((s) => s.lastSyncedAt)).toEqual(sync.slice(0, online).map(() => null));
      expect(sync[online]?.lastSyncedAt).toBe(now);
      expect(sync.some((s) => /^First sync: [\d,]+ updates so far…$/.test(s.detail ?? ''))).toBe(true);
    }
  });
});
