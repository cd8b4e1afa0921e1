// The engine against a server that is busy with its earlier requests (server/socket/limits.ts):
// refused pulls are retried with backoff until the sync completes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncEvents } from '../../shared/sync';
import { getCursor } from '../../electron/services/db/meta';
import { openCache } from '../../electron/services/db/open';
import { connectSocketIo } from '../../electron/services/sync/socket';
import type { SocketFactory } from '../../electron/services/sync/socket';
import { BUSY_MESSAGE } from '../../server/socket/limits';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, recordingSyncClient, REP, visibleSeq } from './support';

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  // One handler at a time per socket and nothing queued: a second request in flight is refused.
  server = await startTestServer({ demoConversations: 12, syncLimits: { perSocket: 1, queuedPerSocket: 0 } });
});
afterAll(() => server.close());
afterEach(cleanups.run);

/** The real client, which sends one extra pull just before its first one, so that the first is refused. */
function crowdedSockets(): SocketFactory {
  let crowded = false;
  return (url, options) => {
    const socket = connectSocketIo(url, options);
    return Object.assign(Object.create(socket) as typeof socket, {
      request: (event: string, payload: unknown, timeoutMs: number) => {
        if (event === SyncEvents.pull && !crowded) {
          crowded = true;
          socket.request(event, payload, timeoutMs).catch(() => {});
        }
        return socket.request(event, payload, timeoutMs);
      },
    });
  };
}

describe('sync client ↔ a busy server', () => {
  it('shows the busy refusal, stays online, and retries the pull until the sync completes', async () => {
    const db = openCache(':memory:');
    const { client, states, errors } = recordingSyncClient(db, server.url, { connect: crowdedSockets() });
    cleanups.add(() => {
      client.stop();
      db.close();
    });
    const session = await server.signIn(REP);
    client.start(session.token);

    const busy = await states.waitFor((s) => s.detail === BUSY_MESSAGE);
    expect(busy).toMatchObject({ connection: 'online', lastSyncedAt: null });
    const synced = await states.waitFor((s) => s.connection === 'online' && s.lastSyncedAt !== null);
    expect(synced.detail).toBeNull();
    expect(getCursor(db)).toBe(await visibleSeq(server.sql, session.user.teamIds));
    expect(states.items.map((s) => s.connection)).not.toContain('offline');
    expect(errors).toEqual([]);
  });
});
