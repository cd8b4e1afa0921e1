// A full disk under the engine's cache, made real with SQLite's max_page_count: nothing half-written, nothing lost.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/services/api/dispatch';
import { getCursor } from '../../electron/services/db/meta';
import { fillCache } from '../../electron/services/db/testing';
import { nextEvent } from '../../electron/services/testing/events';
import { unseenWords } from '../../electron/services/testing/fixtures';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { BILLING_REP, createCleanups, engineFor, postInbound, REP, serverCount, signIn, visibleSeq } from './support';

const DISK_FULL =
  'Caredesk could not save to this computer because the disk is full. Free some space; nothing you typed was lost.';

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 12 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

describe('a full disk under the cache', () => {
  it('a reply that cannot be saved answers storage_full and leaves nothing half-written', async () => {
    const engine = await engineFor(cleanups, server.url);
    await signIn(engine, REP);
    await engine.idle();
    const conversation = (await engine.handlers['inbox:list']({ filter: 'all', limit: 1 })).items[0];
    if (!conversation) throw new Error('no conversation synced');
    const conversationId = conversation.id;
    const before = await engine.handlers['inbox:get']({ conversationId });

    const release = fillCache(engine.db);
    const body = unseenWords(500, 'full');
    expect(await dispatchCall(engine.handlers, 'reply:send', { conversationId, body })).toEqual({
      ok: false,
      error: { code: 'storage_full', message: DISK_FULL },
    });
    expect(await engine.handlers['inbox:get']({ conversationId })).toEqual(before);
    expect((await engine.handlers['inbox:list']({ filter: 'all', limit: 1 })).items[0]).toEqual(conversation);
    expect(engine.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect((await engine.handlers['sync:status']({})).pendingActions).toBe(0);
    expect((await engine.handlers['search:messages']({ query: 'full1q', limit: 5 })).hits).toEqual([]);

    // Space again: the rep sends the very same text, and it goes out once.
    release();
    const drained = nextEvent(engine, 'sync:changed', (s) => s.pendingActions === 0);
    const pending = await engine.handlers['reply:send']({ conversationId, body });
    await drained;
    await engine.idle();
    expect(
      await serverCount(server.sql, 'select count(*) as n from messages where client_id = $1', [pending.clientId]),
    ).toBe(1);
  });

  it('a pull that cannot be applied keeps the cursor and says why; the next pull catches up', async () => {
    // Retries far apart, so that the poke below is what catches up (the next test retries).
    const engine = await engineFor(cleanups, server.url, { sync: { retryDelayMs: 60_000 } });
    await signIn(engine, BILLING_REP);
    await engine.idle();
    const teamIds = (await engine.handlers['session:me']({})).user?.teamIds ?? [];
    const cursor = getCursor(engine.db);
    const lastSyncedAt = (await engine.handlers['sync:status']({})).lastSyncedAt;

    const release = fillCache(engine.db);
    const full = nextEvent(engine, 'sync:changed', (s) => s.detail === DISK_FULL);
    const missed = await postInbound(server, unseenWords(500, 'pull'), '+1 415 555 0171');
    expect(await full).toMatchObject({ connection: 'online', lastSyncedAt });
    await engine.idle();
    // The page is applied a slice at a time: the inbound's smaller changes may fit and commit before
    // the message that does not. The cursor stays before that message, and the message is not stored.
    const kept = getCursor(engine.db);
    expect(kept).toBeGreaterThanOrEqual(cursor);
    expect(kept).toBeLessThan(await visibleSeq(server.sql, teamIds));
    expect(
      engine.db.prepare('SELECT count(*) FROM messages WHERE conversation_id = ?').pluck().get(missed.conversationId),
    ).toBe(0);
    expect(await engine.handlers['sync:status']({})).toMatchObject({ connection: 'online', detail: DISK_FULL });

    // Space again: the next poke pulls from the same cursor, the missed page included.
    release();
    const caughtUp = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online' && s.detail === null);
    const next = await postInbound(server, 'And one more thing', '+1 415 555 0172');
    await caughtUp;
    await engine.idle();
    expect(getCursor(engine.db)).toBe(await visibleSeq(server.sql, teamIds));
    for (const { conversationId } of [missed, next])
      expect((await engine.handlers['inbox:get']({ conversationId })).messages).toHaveLength(1);
  });

  it('a pull that cannot be applied is retried on its own once there is space', async () => {
    const engine = await engineFor(cleanups, server.url, { sync: { retryDelayMs: 50, maxRetryDelayMs: 400 } });
    await signIn(engine, BILLING_REP);
    await engine.idle();
    const teamIds = (await engine.handlers['session:me']({})).user?.teamIds ?? [];

    const release = fillCache(engine.db);
    const full = nextEvent(engine, 'sync:changed', (s) => s.detail === DISK_FULL);
    const missed = await postInbound(server, unseenWords(500, 'retry'), '+1 415 555 0173');
    await full;
    // No poke and no reconnect from here on: only the retry can bring the missed page.
    const caughtUp = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online' && s.detail === null);
    release();
    await caughtUp;
    await engine.idle();
    expect(getCursor(engine.db)).toBe(await visibleSeq(server.sql, teamIds));
    expect((await engine.handlers['inbox:get']({ conversationId: missed.conversationId })).messages).toHaveLength(1);
  });
});
