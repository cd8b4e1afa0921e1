import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { User } from '../../../shared/domain';
import { createMemorySecretStore } from '../session/secret-store';
import type { SecretStore } from '../session/secret-store';
import { nextEvent } from '../testing/events';
import { startFakeServer } from '../testing/fake-server';
import type { FakeServer } from '../testing/fake-server';
import { conversationData, customerData, messageData, userData } from '../testing/fixtures';
import { dispatchCall } from './dispatch';
import { createEngine } from './engine';
import type { Engine } from './engine';

const rep: User = userData('u1', { email: 'rep@example.com', teamIds: ['t1'] });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { server?: FakeServer; dataDir?: string; secretStore?: SecretStore } = {}) {
  const server = options.server ?? (await startFakeServer(rep));
  if (!options.server) cleanups.push(() => server.close());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'caredesk-engine-'));
  if (!options.dataDir) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const engine = await createEngine({
    dataDir,
    serverUrl: server.url,
    secretStore: options.secretStore ?? createMemorySecretStore(),
    log: () => {},
    sync: { pageSize: 2, requestTimeoutMs: 500, retryDelayMs: 50 },
  });
  cleanups.push(() => engine.close());
  return { server, engine, dataDir };
}

function seed(server: FakeServer, conversations = 3) {
  server.publish(
    { kind: 'team', data: { id: 't1', name: 'Support' } },
    { kind: 'user', data: rep },
    { kind: 'customer', data: customerData('cu1') },
  );
  for (let i = 1; i <= conversations; i++) {
    server.publish(
      { kind: 'conversation', data: conversationData(`c${i}`, { lastMessageAt: 1000 + i }) },
      { kind: 'message', data: messageData(`m${i}`, { conversationId: `c${i}`, body: `parcel question ${i}` }) },
    );
  }
}

async function signedIn(engine: Engine) {
  const online = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online');
  const info = await dispatchCall(engine.handlers, 'session:signIn', { email: rep.email, password: 'secret' });
  expect(info).toMatchObject({ ok: true, value: { user: { id: 'u1' }, secretStore: 'memory' } });
  await online;
}

describe('engine', () => {
  it('signs in, syncs everything in pages, and serves the inbox from the cache', async () => {
    const { server, engine } = await setup();
    seed(server);
    await signedIn(engine);
    const page = await engine.handlers['inbox:list']({ filter: 'all', limit: 50 });
    expect(page.total).toBe(3);
    expect(page.items.map((c) => c.id)).toEqual(['c3', 'c2', 'c1']);
    expect(page.items[0]).toMatchObject({ customerName: 'Customer cu1', customerHandle: '@cu1_handle' });
    expect(await engine.handlers['inbox:teams']({})).toEqual([{ id: 't1', name: 'Support' }]);
    expect((await engine.handlers['search:messages']({ query: 'parc', limit: 10 })).hits).toHaveLength(3);
    expect(await engine.handlers['sync:status']({})).toMatchObject({
      connection: 'online',
      pendingReplies: 0,
      detail: null,
    });
  });

  it('applies live changes and says which conversations changed', async () => {
    const { server, engine } = await setup();
    seed(server, 1);
    await signedIn(engine);
    const changed = nextEvent(engine, 'inbox:changed', (e) => e.conversationIds.includes('c1'));
    server.publish({ kind: 'message', data: messageData('m9', { conversationId: 'c1', body: 'any news?' }) });
    await changed;
    const detail = await engine.handlers['inbox:get']({ conversationId: 'c1' });
    expect(detail.messages.map((m) => m.id)).toEqual(['m1', 'm9']);
  });

  it('sends a reply: pending at once, stored once on the server, replaced by the server copy', async () => {
    const { server, engine } = await setup();
    seed(server, 1);
    await signedIn(engine);
    const drained = nextEvent(engine, 'sync:changed', (s) => s.pendingReplies === 0);
    const pending = await engine.handlers['reply:send']({ conversationId: 'c1', body: 'It ships today.' });
    expect(pending).toMatchObject({
      status: 'pending',
      direction: 'outbound',
      authorId: 'u1',
      body: 'It ships today.',
    });
    await drained;
    await engine.idle();
    expect(server.replies.size).toBe(1);
    const messages = (await engine.handlers['inbox:get']({ conversationId: 'c1' })).messages;
    expect(messages.map((m) => [m.id, m.status])).toEqual([
      ['m1', 'received'],
      ['srv-1', 'sent'],
    ]);
    expect(await dispatchCall(engine.handlers, 'reply:send', { conversationId: 'nope', body: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatchCall(engine.handlers, 'reply:send', { conversationId: 'c1', body: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('keeps a reply whose ack never came pending, and resends it on reconnect without duplicating it', async () => {
    const { server, engine } = await setup();
    seed(server, 1);
    await signedIn(engine);
    server.dropAcks = true;
    server.quietReplies = true;
    await engine.handlers['reply:send']({ conversationId: 'c1', body: 'Sorry for the wait' });
    await engine.idle();
    // Stored on the server, but the engine cannot know: it stays pending.
    expect(server.replies.size).toBe(1);
    expect((await engine.handlers['sync:status']({})).pendingReplies).toBe(1);
    server.dropAcks = false;
    const drained = nextEvent(engine, 'sync:changed', (s) => s.connection !== 'offline' && s.pendingReplies === 0);
    server.disconnectAll();
    await drained;
    await engine.idle();
    expect(server.sendCount).toBe(2);
    expect(server.replies.size).toBe(1);
    const messages = (await engine.handlers['inbox:get']({ conversationId: 'c1' })).messages;
    expect(messages.filter((m) => m.body === 'Sorry for the wait')).toHaveLength(1);
  });

  it('maps sign-in failures to errors a rep can act on', async () => {
    const { engine } = await setup();
    expect(await dispatchCall(engine.handlers, 'session:signIn', { email: rep.email, password: 'nope' })).toEqual({
      ok: false,
      error: { code: 'bad_credentials', message: 'Wrong email or password.' },
    });
    const down = await startFakeServer(rep);
    await down.close();
    const { engine: offline } = await setup({ server: down });
    const result = await dispatchCall(offline.handlers, 'session:signIn', { email: rep.email, password: 'secret' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'server_unreachable',
        message: `Can't reach the Caredesk server at ${down.url}. Check your connection or the server address.`,
      },
    });
    expect(await dispatchCall(offline.handlers, 'inbox:list', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('ends the session when the server refuses the token', async () => {
    const secretStore = createMemorySecretStore();
    const { server, engine } = await setup({ secretStore });
    seed(server, 1);
    await signedIn(engine);
    const ended = nextEvent(engine, 'session:ended');
    server.rejectWith = 'session_expired';
    server.disconnectAll();
    expect((await ended).reason).toMatch(/expired/);
    expect((await engine.handlers['session:me']({})).user).toBeNull();
    expect(await secretStore.get(`session-token@${server.url}`)).toBeNull();
  });

  it('resumes a stored session at start, and clears the cache for another user', async () => {
    const secretStore = createMemorySecretStore();
    const { server, engine, dataDir } = await setup({ secretStore });
    seed(server, 2);
    await signedIn(engine);
    await engine.close();

    const again = (await setup({ server, dataDir, secretStore })).engine;
    const online = nextEvent(again, 'sync:changed', (s) => s.connection === 'online');
    await again.start();
    await online;
    expect((await again.handlers['session:me']({})).user?.id).toBe('u1');
    expect((await again.handlers['inbox:list']({ filter: 'all', limit: 50 })).total).toBe(2);

    // Someone else signs in on this machine: they never see the previous rep's cache.
    const other = await startFakeServer(userData('u2', { email: 'other@example.com' }));
    cleanups.push(() => other.close());
    const third = (await setup({ server: other, dataDir, secretStore })).engine;
    await again.close();
    const result = await dispatchCall(third.handlers, 'session:signIn', {
      email: 'other@example.com',
      password: 'secret',
    });
    expect(result.ok).toBe(true);
    await nextEvent(third, 'sync:changed', (s) => s.connection === 'online');
    expect((await third.handlers['inbox:list']({ filter: 'all', limit: 50 })).total).toBe(0);
  });

  it('signs out: forgets the token and empties the cache', async () => {
    const secretStore = createMemorySecretStore();
    const { server, engine } = await setup({ secretStore });
    seed(server, 1);
    await signedIn(engine);
    const info = await engine.handlers['session:signOut']({});
    expect(info.user).toBeNull();
    expect(await secretStore.get(`session-token@${server.url}`)).toBeNull();
    expect(engine.db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
  });
});
