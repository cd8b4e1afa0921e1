// Replies from the engine's outbox to the real server: drained, stored exactly once, whatever is lost.
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, SyncEvents } from '../../shared/sync';
import type { Message } from '../../shared/domain';
import type { ActionAck } from '../../shared/sync';
import { dispatchCall } from '../../electron/services/api/dispatch';
import type { Engine } from '../../electron/services/api/engine';
import { nextEvent } from '../../electron/services/testing/events';
import type { ServerFaults, StoredAction } from '../../server/socket/faults';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, engineFor, firstTimes, lossySockets, REP, serverCount, signIn } from './support';

let server: TestServer;
const faults: ServerFaults = {};
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 20, faults });
});
afterAll(() => server.close());
afterEach(async () => {
  delete faults.afterActionStored;
  await cleanups.run();
});

async function signedInEngine(requestTimeoutMs = 10_000): Promise<Engine> {
  const engine = await engineFor(cleanups, server.url, { sync: { requestTimeoutMs, retryDelayMs: 50 } });
  await signIn(engine, REP);
  return engine;
}

async function conversationAt(engine: Engine, index = 0): Promise<string> {
  const conversation = (await engine.handlers['inbox:list']({ filter: 'all', limit: 50 })).items[index];
  if (!conversation) throw new Error('no conversation synced');
  return conversation.id;
}

const storedCopies = (clientId: string | null) =>
  serverCount(server.sql, 'select count(*) as n from messages where client_id = $1', [clientId]);

async function localCopies(engine: Engine, conversationId: string, body: string) {
  return (await engine.handlers['inbox:get']({ conversationId })).messages.filter((m) => m.body === body);
}

/** The reply reached the server twice (once repeated), is stored once, and the local copy is the server's, sent. */
async function expectSentTwiceStoredOnce(engine: Engine, sends: StoredAction[], pending: Message, body: string) {
  expect(sends.map((s) => [s.request.id, s.repeated])).toEqual([
    [pending.clientId, false],
    [pending.clientId, true],
  ]);
  expect(await storedCopies(pending.clientId)).toBe(1);
  expect((await localCopies(engine, pending.conversationId, body)).map((m) => [m.id, m.status])).toEqual([
    [sends[0]?.result.message?.id, 'sent'],
  ]);
}

describe('outbox ↔ server', () => {
  it('sends a reply: pending at once, stored once on the server, replaced by the server copy', async () => {
    const engine = await signedInEngine();
    const conversationId = await conversationAt(engine);
    const body = 'It ships today.';
    const drained = nextEvent(engine, 'sync:changed', (s) => s.pendingActions === 0);
    const pending = await engine.handlers['reply:send']({ conversationId, body });
    expect(pending).toMatchObject({ status: 'pending', direction: 'outbound', authorId: 'user-rep01', body });
    await drained;
    await engine.idle();

    const [stored] = await server.sql.query<{ id: string }>('select id from messages where client_id = $1', [
      pending.clientId,
    ]);
    expect(await storedCopies(pending.clientId)).toBe(1);
    const local = await localCopies(engine, conversationId, body);
    expect(local.map((m) => [m.id, m.status])).toEqual([[stored?.id, 'sent']]);
    expect(await dispatchCall(engine.handlers, 'reply:send', { conversationId: 'nope', body: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatchCall(engine.handlers, 'reply:send', { conversationId, body: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('marks a reply the server refuses for good as failed, and sends the rest', async () => {
    const engine = await signedInEngine();
    const gone = await conversationAt(engine, 0);
    const fine = await conversationAt(engine, 1);
    // Moved to a team this rep is not in, before the change reached the engine.
    const [before] = await server.sql.query<{ team_id: string }>('select team_id from conversations where id = $1', [
      gone,
    ]);
    await server.sql.query("update conversations set team_id = 'team-billing' where id = $1", [gone]);
    cleanups.add(async () => {
      await server.sql.query('update conversations set team_id = $1 where id = $2', [before?.team_id, gone]);
    });
    const drained = nextEvent(engine, 'sync:changed', (s) => s.pendingActions === 0);
    const refused = await engine.handlers['reply:send']({ conversationId: gone, body: 'Refused' });
    const sent = await engine.handlers['reply:send']({ conversationId: fine, body: 'Delivered' });
    await drained;
    await engine.idle();

    expect(await storedCopies(refused.clientId)).toBe(0);
    expect(await storedCopies(sent.clientId)).toBe(1);
    expect((await localCopies(engine, gone, 'Refused')).map((m) => m.status)).toEqual(['failed']);
    expect((await localCopies(engine, fine, 'Delivered')).map((m) => m.status)).toEqual(['sent']);
    expect(engine.db.prepare("SELECT id, state FROM outbox WHERE state <> 'acked'").all()).toEqual([
      { id: refused.clientId, state: 'rejected' },
    ]);
  });

  it('a lost ack (the connection dies after the commit): retried once, stored once', async () => {
    const engine = await signedInEngine();
    const conversationId = await conversationAt(engine);
    const sends: StoredAction[] = [];
    faults.afterActionStored = (reply) => {
      sends.push(reply);
      return sends.length === 1 ? 'disconnect' : 'ack';
    };
    const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline');
    const drained = nextEvent(engine, 'sync:changed', (s) => s.connection !== 'offline' && s.pendingActions === 0);
    const body = 'Sorry for the wait';
    const pending = await engine.handlers['reply:send']({ conversationId, body });
    expect((await offline).pendingActions).toBe(1);
    await drained;
    await engine.idle();

    await expectSentTwiceStoredOnce(engine, sends, pending, body);
  });

  it('a lost ack while the connection stays up: sent again on its own, stored once', async () => {
    const loseOnce = firstTimes(1);
    // No pokes either: a pull bringing the stored reply would settle it without a resend.
    const connect = lossySockets({
      losePokes: true,
      loseAnswer: (event) => event === SyncEvents.action && loseOnce(),
    });
    const engine = await engineFor(cleanups, server.url, { connect, sync: { retryDelayMs: 50 } });
    await signIn(engine, REP);
    const conversationId = await conversationAt(engine);
    const sends: StoredAction[] = [];
    faults.afterActionStored = (reply) => {
      sends.push(reply);
      return 'ack';
    };
    const connections: string[] = [];
    engine.on('sync:changed', (s) => void connections.push(s.connection));
    const drained = nextEvent(engine, 'sync:changed', (s) => s.pendingActions === 0);
    const body = 'Resent after a lost ack';
    const pending = await engine.handlers['reply:send']({ conversationId, body });
    await drained;
    await engine.idle();

    await expectSentTwiceStoredOnce(engine, sends, pending, body);
    expect(connections).not.toContain('offline');
    expect(engine.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('an ack that never comes: the reply waits, and is settled once by the change log', async () => {
    const engine = await signedInEngine(2_000);
    const conversationId = await conversationAt(engine);
    const sends: StoredAction[] = [];
    faults.afterActionStored = (reply) => {
      sends.push(reply);
      return 'drop-ack';
    };
    const settled = nextEvent(engine, 'sync:changed', (s) => s.pendingActions === 0);
    const body = 'Checking with the warehouse';
    const pending = await engine.handlers['reply:send']({ conversationId, body });
    // The server poked this rep's team: the pull brings the stored reply, clientId and all.
    await settled;
    await engine.idle(); // the drain has given up waiting for the ack by now
    expect(sends).toHaveLength(1);
    expect(await storedCopies(pending.clientId)).toBe(1);
    expect((await localCopies(engine, conversationId, body)).map((m) => [m.id, m.status])).toEqual([
      [sends[0]?.result.message?.id, 'sent'],
    ]);

    // A reconnect has nothing left to resend.
    const back = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online');
    sends[0]?.socket.disconnect(true);
    await back;
    await engine.idle();
    expect(sends).toHaveLength(1);
    expect(engine.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('the same idempotency key sent again stores nothing new', async () => {
    const engine = await signedInEngine();
    const conversationId = await conversationAt(engine);
    const body = `We are on it (${Date.now()})`;
    const drained = nextEvent(engine, 'sync:changed', (s) => s.pendingActions === 0);
    const pending = await engine.handlers['reply:send']({ conversationId, body });
    await drained;
    await engine.idle();

    // The same key again, as a retry after a lost ack would send it.
    const rep = await server.signIn(REP);
    const socket = io(server.url, {
      auth: { token: rep.token, protocol: SYNC_PROTOCOL_VERSION },
      transports: ['websocket'],
    });
    cleanups.add(() => void socket.close());
    const ack = (await socket.timeout(10_000).emitWithAck(SyncEvents.action, {
      id: pending.clientId,
      action: { type: 'reply', conversationId, seenAssigneeId: null, body },
    })) as ActionAck;
    expect(ack.ok).toBe(true);
    expect(await storedCopies(pending.clientId)).toBe(1);
    const local = await localCopies(engine, conversationId, body);
    expect(local.map((m) => m.status)).toEqual(['sent']);
    expect(local[0]?.id).not.toBe(pending.id);
  });

  it('queues a reply while the server is down and delivers it once after the restart', async () => {
    const engine = await signedInEngine();
    const conversationId = await conversationAt(engine);
    const offline = nextEvent(engine, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    await offline;

    const body = `Queued while offline (${Date.now()})`;
    const pending = await engine.handlers['reply:send']({ conversationId, body });
    expect(pending.status).toBe('pending');
    expect((await engine.handlers['sync:status']({})).pendingActions).toBe(1);
    // Reads keep working from the cache.
    expect((await engine.handlers['inbox:get']({ conversationId })).messages.at(-1)?.body).toBe(body);

    const delivered = nextEvent(engine, 'sync:changed', (s) => s.connection === 'online' && s.pendingActions === 0);
    await server.start();
    await delivered;
    await engine.idle();
    expect(await storedCopies(pending.clientId)).toBe(1);
    expect(await localCopies(engine, conversationId, body)).toHaveLength(1);
  });
});
