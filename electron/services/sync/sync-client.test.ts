import { afterEach, describe, expect, it } from 'vitest';
import type { SyncState } from '../../../shared/api';
import { getConversation } from '../db/conversations';
import { getCursor } from '../db/meta';
import { openCache } from '../db/open';
import { enqueueReply, listPending } from '../db/outbox';
import { startFakeServer } from '../testing/fake-server';
import type { FakeServer } from '../testing/fake-server';
import { conversationData, customerData, messageData, userData } from '../testing/fixtures';
import { connectSocketIo } from './socket';
import type { SocketFactory } from './socket';
import { createSyncClient } from './sync-client';
import type { SessionEndReason, SyncClient } from './sync-client';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function waitFor<T>(list: T[], match: (item: T) => boolean, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const found = list.find(match);
      if (found !== undefined) resolve(found);
      else if (Date.now() - started > timeoutMs) reject(new Error('timed out'));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

async function setup(connect: SocketFactory = connectSocketIo) {
  const server: FakeServer = await startFakeServer(userData('u1'));
  cleanups.push(() => server.close());
  const db = openCache(':memory:');
  const states: SyncState[] = [];
  const changed: string[][] = [];
  const ended: SessionEndReason[] = [];
  const client: SyncClient = createSyncClient({
    db,
    serverUrl: server.url,
    connect,
    clock: () => 123,
    pageSize: 2,
    requestTimeoutMs: 300,
    retryDelayMs: 20,
    onConversationsChanged: (ids) => changed.push(ids),
    onStateChanged: (state) => states.push(state),
    onSessionEnded: (reason) => ended.push(reason),
    onError: (error) => {
      throw error;
    },
  });
  cleanups.push(() => {
    client.stop();
    db.close();
  });
  return { server, db, client, states, changed, ended };
}

describe('sync client', () => {
  it('pulls every page on connect, storing the cursor, then goes online', async () => {
    const { server, db, client, states, changed } = await setup();
    server.publish(
      { kind: 'customer', data: customerData('cu1') },
      ...[1, 2, 3].map((i) => ({ kind: 'conversation' as const, data: conversationData(`c${i}`) })),
      { kind: 'message', data: messageData('m1', { conversationId: 'c2' }) },
    );
    client.start('token-1');
    await waitFor(states, (s) => s.connection === 'online');
    expect(states.some((s) => s.connection === 'syncing')).toBe(true);
    expect(getCursor(db)).toBe(5);
    expect(changed.flat().sort()).toEqual(['c1', 'c2', 'c2', 'c3']);
    expect(client.state()).toEqual({ connection: 'online', lastSyncedAt: 123, pendingReplies: 0, detail: null });
  });

  it('pulls again when poked', async () => {
    const { server, db, client, states, changed } = await setup();
    server.publish({ kind: 'conversation', data: conversationData('c1') });
    client.start('token-1');
    await waitFor(states, (s) => s.connection === 'online');
    server.publish({ kind: 'message', data: messageData('m7', { conversationId: 'c1' }) });
    await waitFor(changed, (ids) => ids.includes('c1') && getCursor(db) === 2);
    expect(getConversation(db, 'c1').messages.map((m) => m.id)).toEqual(['m7']);
  });

  it('marks a reply the server refuses for good as failed, and sends the rest', async () => {
    const { server, db, client, states } = await setup();
    server.publish({ kind: 'conversation', data: conversationData('c1') });
    const reply = (id: string, conversationId: string) =>
      messageData(`local-${id}`, {
        conversationId,
        direction: 'outbound',
        status: 'pending',
        clientId: `client-${id}`,
        createdAt: id === 'a' ? 1 : 2,
      });
    enqueueReply(db, reply('a', 'gone'));
    enqueueReply(db, reply('b', 'c1'));
    client.start('token-1');
    await waitFor(states, (s) => s.connection === 'online' && s.pendingReplies === 0);
    await client.idle();
    expect(listPending(db)).toEqual([]);
    expect(server.replies.size).toBe(1);
    expect(db.prepare('SELECT client_id, state FROM outbox').all()).toEqual([
      { client_id: 'client-a', state: 'failed' },
    ]);
  });

  it('ends the session on an expired or refused token, and stops on a protocol mismatch', async () => {
    const expired = await setup();
    expired.server.rejectWith = 'session_expired';
    expired.client.start('token-1');
    await waitFor(expired.ended, () => true);
    expect(expired.ended).toEqual(['session_expired']);

    const refused = await setup();
    refused.client.start('wrong-token');
    await waitFor(refused.ended, () => true);
    expect(refused.ended).toEqual(['unauthorized']);

    const old = await setup();
    old.server.rejectWith = 'protocol_mismatch';
    old.client.start('token-1');
    await waitFor(old.states, (s) => s.detail?.includes('Update the app') ?? false);
    expect(old.ended).toEqual([]);
    expect(old.client.state().connection).toBe('offline');
  });

  it('goes offline when the connection drops and catches up when it returns', async () => {
    const { server, client, states, db } = await setup();
    server.publish({ kind: 'conversation', data: conversationData('c1') });
    client.start('token-1');
    await waitFor(states, (s) => s.connection === 'online');
    const seen = states.length;
    server.disconnectAll();
    server.publish({ kind: 'conversation', data: conversationData('c2') });
    const after = (match: (s: SyncState) => boolean) => waitFor(states, (s) => states.indexOf(s) >= seen && match(s));
    await after((s) => s.connection === 'offline');
    await after((s) => s.connection === 'online' && getCursor(db) === 2);
  });
});
