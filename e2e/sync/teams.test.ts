// A rep's team membership changes on the server: the cache gains the new team's conversations, old
// ones included, and loses the old team's; replies waiting in the outbox are kept and sent.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncState } from '../../shared/api';
import { SyncEvents } from '../../shared/sync';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import type { User } from '../../shared/domain';
import { getCursor } from '../../electron/services/db/meta';
import type { Engine } from '../../electron/services/api/engine';
import { nextEvent } from '../../electron/services/testing/events';
import { getUser } from '../../server/db/accounts';
import { appendChanges } from '../../server/db/changes';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { countingSockets, createCleanups, engineFor, REP, signIn, visibleSeq } from './support';

const REP_ID = 'user-rep01'; // Orders & Delivery, Returns & Refunds
let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 30 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

/**
 * What an admin tool would do (the server has no call for it yet): change the rows, and append
 * the user's `user` change, visible to everyone, in the same transaction as the server does.
 */
async function updateUser(change: { name?: string; leave?: string; join?: string }): Promise<User> {
  return server.sql.transaction(async (tx) => {
    if (change.name) await tx.query('update users set name = $1 where id = $2', [change.name, REP_ID]);
    if (change.leave) {
      await tx.query('delete from team_members where user_id = $1 and team_id = $2', [REP_ID, change.leave]);
    }
    if (change.join)
      await tx.query('insert into team_members (team_id, user_id) values ($1, $2)', [change.join, REP_ID]);
    const user = await getUser(tx, REP_ID);
    if (!user) throw new Error('no rep01');
    await appendChanges(tx, [{ teamId: null, change: { kind: 'user', data: user } }], Date.now(), {
      actor: SYSTEM_ACTOR,
      type: 'operator_edit',
    });
    return user;
  });
}

/**
 * The server pokes nobody for a change made behind its back: a restart makes the engine pull.
 * Resolves once the engine is back online and has synced what it missed.
 */
async function reconnect(engine: Engine): Promise<void> {
  const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline');
  await server.stop();
  await offline;
  const online = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online');
  await server.start();
  await online;
  await engine.idle();
}

async function conversationsOf(teamIds: readonly string[]): Promise<string[]> {
  const rows = await server.sql.query<{ id: string }>(
    'select id from conversations where team_id = any($1::text[]) order by id',
    [[...teamIds]],
  );
  return rows.map((row) => row.id);
}

const cachedConversations = (engine: Engine) =>
  engine.db.prepare('SELECT id FROM conversations ORDER BY id').pluck().all() as string[];

describe('team membership ↔ cache', () => {
  it('a rep moved to another team gets its older conversations, loses the old team’s, and keeps the outbox', async () => {
    const engine = await engineFor(cleanups, server.url, { sync: { pageSize: 50, retryDelayMs: 50 } });
    await signIn(engine, REP);
    const returns = await conversationsOf(['team-returns']);
    const billing = await conversationsOf(['team-billing']);
    expect(returns.length).toBeGreaterThan(0);
    expect(billing.length).toBeGreaterThan(0);
    expect(cachedConversations(engine)).toEqual(await conversationsOf(['team-orders', 'team-returns']));
    const orders = (await engine.handlers['inbox:list']({ filter: 'team', teamId: 'team-orders', limit: 1 })).items[0];
    if (!orders) throw new Error('no Orders & Delivery conversation');

    // A reply waits in the outbox while the membership changes.
    const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    await offline;
    const pending = await engine.handlers['reply:send']({ conversationId: orders.id, body: 'Written before the move' });
    const user = await updateUser({ leave: 'team-returns', join: 'team-billing' });
    expect(user.teamIds).toEqual(['team-billing', 'team-orders']);

    const states: SyncState[] = [];
    engine.on('sync:changed', (s) => void states.push(s));
    const changed: string[] = [];
    engine.on('inbox:changed', (e) => void changed.push(...e.conversationIds));
    const done = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online' && s.pendingActions === 0);
    await server.start();
    await done;
    await engine.idle();

    expect(cachedConversations(engine)).toEqual(await conversationsOf(user.teamIds));
    expect(getCursor(engine.db)).toBe(await visibleSeq(server.sql, user.teamIds));
    expect((await engine.handlers['session:me']({})).user?.teamIds).toEqual(user.teamIds);
    expect((await engine.handlers['inbox:teams']({})).map((t) => t.id).sort()).toEqual(user.teamIds);
    // Old Billing & Accounts conversations arrived with their messages; Returns & Refunds left no trace.
    const first = await engine.handlers['inbox:get']({ conversationId: billing[0] ?? '' });
    const [serverMessages] = await server.sql.query<{ n: unknown }>(
      'select count(*) as n from messages where conversation_id = $1',
      [billing[0]],
    );
    expect(first.messages).toHaveLength(Number(serverMessages?.n));
    expect(
      engine.db
        .prepare('SELECT count(*) AS n FROM messages WHERE conversation_id IN (SELECT value FROM json_each(?))')
        .get(JSON.stringify(returns)),
    ).toEqual({ n: 0 });
    // The renderer hears of every conversation that left, and of every one that arrived.
    for (const id of [...returns, ...billing]) expect(changed).toContain(id);
    // The renderer is told it is a first sync again, and when it is over.
    expect(
      states.some((s) => s.detail === 'Your teams changed. Syncing your inbox again…' && s.lastSyncedAt === null),
    ).toBe(true);
    expect(states.at(-1)).toMatchObject({ connection: 'online', detail: null });
    expect(states.at(-1)?.lastSyncedAt).not.toBeNull();
    // The reply written before the move was kept, sent once, as its author.
    const stored = await server.sql.query<{ id: string; author_id: string }>(
      'select id, author_id from messages where client_id = $1',
      [pending.clientId],
    );
    expect(stored.map((m) => m.author_id)).toEqual([REP_ID]);
    expect(
      (await engine.handlers['inbox:get']({ conversationId: orders.id })).messages
        .filter((m) => m.body === 'Written before the move')
        .map((m) => [m.id, m.status]),
    ).toEqual([[stored[0]?.id, 'sent']]);
  });

  it('any other change to the signed-in user is applied without pulling everything again', async () => {
    const counts = new Map<string, number>();
    const engine = await engineFor(cleanups, server.url, { connect: countingSockets(counts) });
    await signIn(engine, REP);
    const before = cachedConversations(engine);
    const user = await updateUser({ name: 'Renamed Rep' });
    counts.clear();
    await reconnect(engine);
    expect(counts.get(SyncEvents.pull)).toBe(1);
    expect((await engine.handlers['session:me']({})).user).toEqual(user);
    expect(cachedConversations(engine)).toEqual(before);
  });

  it('a rep removed from a team loses its conversations at once, without pulling everything again', async () => {
    const current = await getUser(server.sql, REP_ID);
    if (!current?.teamIds.includes('team-returns')) await updateUser({ join: 'team-returns' });
    const counts = new Map<string, number>();
    const engine = await engineFor(cleanups, server.url, { connect: countingSockets(counts) });
    await signIn(engine, REP);
    const leaving = await conversationsOf(['team-returns']);
    expect(leaving.length).toBeGreaterThan(0);
    expect(cachedConversations(engine)).toEqual(expect.arrayContaining(leaving));
    const messagesOf = (ids: readonly string[]) =>
      engine.db
        .prepare('SELECT count(*) AS n FROM messages WHERE conversation_id IN (SELECT value FROM json_each(?))')
        .get(JSON.stringify(ids));
    expect(messagesOf(leaving)).not.toEqual({ n: 0 });

    const user = await updateUser({ leave: 'team-returns' });
    expect(user.teamIds).not.toContain('team-returns');
    const changed: string[] = [];
    engine.on('inbox:changed', (e) => void changed.push(...e.conversationIds));
    counts.clear();
    await reconnect(engine);

    // One pull: the conversations went with the change that said so, not with a sync from 0.
    expect(counts.get(SyncEvents.pull)).toBe(1);
    expect(cachedConversations(engine)).toEqual(await conversationsOf(user.teamIds));
    expect(messagesOf(leaving)).toEqual({ n: 0 });
    for (const id of leaving) expect(changed).toContain(id);
    expect((await engine.handlers['session:me']({})).user?.teamIds).toEqual(user.teamIds);
    expect(getCursor(engine.db)).toBe(await visibleSeq(server.sql, user.teamIds));
  });
});
