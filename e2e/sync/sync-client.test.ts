// The engine's sync client against the real central server: pulls, pokes, connection states.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, SyncEvents } from '../../shared/sync';
import { getConversation, listConversations } from '../../electron/services/db/conversations';
import { getCursor } from '../../electron/services/db/meta';
import { openCache } from '../../electron/services/db/open';
import { connectSocketIo } from '../../electron/services/sync/socket';
import type { SocketFactory } from '../../electron/services/sync/socket';
import { receiveInbound } from '../../server/services/inbound';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import {
  BILLING_REP,
  countingSockets,
  createCleanups,
  firstTimes,
  lossySockets,
  postInbound,
  recordingSyncClient,
  REP,
  visibleSeq,
} from './support';

const TTL = 60 * 60 * 1000;
let now = Date.now();
let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 12, clock: () => now, tokenTtlMs: TTL });
});
afterAll(() => server.close());
afterEach(cleanups.run);

function setup(options: { connect?: SocketFactory; pageSize?: number } = {}) {
  const db = openCache(':memory:');
  const recorded = recordingSyncClient(db, server.url, {
    connect: options.connect ?? connectSocketIo,
    clock: () => now,
    pageSize: options.pageSize ?? 1000,
  });
  cleanups.add(() => {
    recorded.client.stop();
    db.close();
    expect(recorded.errors).toEqual([]);
  });
  return { db, ...recorded };
}

describe('sync client ↔ server', () => {
  it('pulls every page on connect, storing the cursor, then goes online', async () => {
    const counts = new Map<string, number>();
    const { db, client, states, changed } = setup({ connect: countingSockets(counts), pageSize: 50 });
    const session = await server.signIn(REP);
    const teamIds = session.user.teamIds;
    client.start(session.token);
    await states.waitFor((s) => s.connection === 'online');

    const visibleChanges = await server.sql.query<{ n: unknown }>(
      'select count(*) as n from changes where team_id is null or team_id = any($1::text[])',
      [teamIds],
    );
    expect(counts.get(SyncEvents.pull)).toBe(Math.ceil(Number(visibleChanges[0]?.n) / 50));
    expect(getCursor(db)).toBe(await visibleSeq(server.sql, teamIds));
    const conversations = await server.sql.query<{ id: string }>(
      'select id from conversations where team_id = any($1::text[])',
      [teamIds],
    );
    expect(conversations.length).toBeGreaterThan(0);
    expect(new Set(changed.items.flat())).toEqual(new Set(conversations.map((c) => c.id)));
    const cached = listConversations(db, { userId: session.user.id, userTeamIds: teamIds, filter: 'all', limit: 1 });
    expect(cached.total).toBe(conversations.length);
    const connections = states.items.map((s) => s.connection);
    expect(states.items[0]).toMatchObject({ connection: 'syncing', detail: `Connecting to ${server.url}…` });
    expect(connections.at(-1)).toBe('online');
    expect(connections).not.toContain('offline');
    // A first sync of many pages says how far it has got.
    expect(states.items.some((s) => /^First sync: [\d,]+ updates so far…$/.test(s.detail ?? ''))).toBe(true);
    expect(client.state()).toEqual({
      connection: 'online',
      lastSyncedAt: now,
      pendingActions: 0,
      rejectedActions: 0,
      detail: null,
      update: null,
    });
  });

  it('pulls again when poked', async () => {
    const { db, client, states, changed } = setup();
    const session = await server.signIn(BILLING_REP);
    client.start(session.token);
    await states.waitFor((s) => s.connection === 'online');
    const seen = changed.items.length;
    const body = `Where is my parcel? (poke ${now})`;
    const { conversationId } = await postInbound(server, body, '+1 415 555 0191');
    await changed.waitFor((ids) => ids.includes(conversationId), seen);
    await client.idle();
    expect(getConversation(db, conversationId).messages.map((m) => m.body)).toContain(body);
    expect(getCursor(db)).toBe(await visibleSeq(server.sql, session.user.teamIds));
  });

  it('retries a pull whose answer was lost while the connection stayed up, on its own', async () => {
    const counts = new Map<string, number>();
    const loseOnce = firstTimes(1);
    const { db, client, states } = setup({
      connect: lossySockets({ counts, loseAnswer: (event) => event === SyncEvents.pull && loseOnce() }),
    });
    const session = await server.signIn(REP);
    client.start(session.token);
    const slow = await states.waitFor((s) => s.detail === 'The server is slow to answer; will try again.');
    expect(slow).toMatchObject({ connection: 'online', lastSyncedAt: null });
    // No poke, no reconnect: only the client's own retry can finish the first sync.
    const done = await states.waitFor((s) => s.connection === 'online' && s.lastSyncedAt !== null, 0, 10_000);
    expect(done).toMatchObject({ lastSyncedAt: now, detail: null });
    expect(counts.get(SyncEvents.pull)).toBe(2);
    expect(getCursor(db)).toBe(await visibleSeq(server.sql, session.user.teamIds));
    expect(states.items.map((s) => s.connection)).not.toContain('offline');
  });

  it('goes offline when the server goes away and catches up when it returns', async () => {
    const { db, client, states } = setup();
    const session = await server.signIn(BILLING_REP);
    client.start(session.token);
    await states.waitFor((s) => s.connection === 'online');
    const seen = states.items.length;
    await server.stop();
    await states.waitFor((s) => s.connection === 'offline', seen);
    // Written while no engine could hear of it: only the change log can bring it.
    const missed = await receiveInbound(
      server.sql,
      { channel: 'sms', from: '+1 415 555 0192', body: 'Written while you were away' },
      now,
    );
    await server.start();
    const back = await states.waitFor((s) => s.connection === 'online', seen);
    expect(back.detail).toBeNull();
    expect(states.items.slice(seen).map((s) => s.connection)).toContain('syncing');
    expect(getConversation(db, missed.conversationId).messages.map((m) => m.body)).toEqual([
      'Written while you were away',
    ]);
    expect(getCursor(db)).toBe(await visibleSeq(server.sql, session.user.teamIds));
  });

  it('ends the session when the server refuses the token at connect: expired or unknown', async () => {
    const expired = setup();
    const session = await server.signIn(REP);
    now += TTL;
    expired.client.start(session.token);
    expect(await expired.ended.waitFor(() => true)).toBe('session_expired');
    expect(expired.client.state()).toMatchObject({
      connection: 'offline',
      detail: 'Your session has expired. Sign in again.',
    });

    const unknown = setup();
    unknown.client.start('not-a-token-the-server-issued');
    expect(await unknown.ended.waitFor(() => true)).toBe('unauthorized');
    expect(unknown.client.state()).toMatchObject({
      connection: 'offline',
      detail: 'The server no longer accepts this sign-in.',
    });
    expect([...expired.ended.items, ...unknown.ended.items]).toHaveLength(2);
  });

  it('waits for the server to be updated when the server is older than the engine, without a session end', async () => {
    // An engine from the future: the real client with a newer protocol number in its handshake.
    const future: SocketFactory = (url, options) =>
      connectSocketIo(url, { auth: { ...options.auth, protocol: SYNC_PROTOCOL_VERSION + 1 } });
    const { client, states, ended } = setup({ connect: future });
    client.start((await server.signIn(REP)).token);
    const waiting = await states.waitFor((s) => s.connection === 'offline');
    expect(waiting).toMatchObject({
      detail: `The Caredesk server at ${server.url} runs an older version than this app. Syncing resumes once the server is updated.`,
      update: null,
    });
    expect(ended.items).toEqual([]);
  });
});
