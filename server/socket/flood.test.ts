// One engine flooding the server with requests: the others' pulls are barely slowed, the flooder is
// refused (clearly, retryably), and nothing crashes (limits.ts).
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullAck, SYNC_PROTOCOL_VERSION, SyncEvents } from '../../shared/sync/protocol';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';
import { BUSY_MESSAGE, DEFAULT_SYNC_LIMITS } from './limits';

const FLOOD = 2000;
let server: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 40 });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server.close();
});

async function connect(email: string): Promise<Socket> {
  const { token } = await server.signIn(email);
  const socket = io(server.url, {
    auth: { token, protocol: SYNC_PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Everything the user may see, in one page: the heaviest request an engine makes. */
const fullPull = (socket: Socket) =>
  socket
    .timeout(120_000)
    .emitWithAck(SyncEvents.pull, { cursor: 0, limit: 5000 })
    .then((raw) => PullAck.parse(raw));

async function timedPull(socket: Socket): Promise<{ ms: number; ack: PullAck }> {
  const start = performance.now();
  const ack = await fullPull(socket);
  return { ms: performance.now() - start, ack };
}

describe('a flood of requests from one socket', () => {
  it(`of ${FLOOD} full pulls delays another rep's pull by at most a few pulls' time, and is refused, not crashed`, async () => {
    const flooder = await connect('rep01@northwind.example');
    const other = await connect('rep06@northwind.example');
    const alone = await timedPull(other);
    const baseline = Math.min(alone.ms, (await timedPull(other)).ms, (await timedPull(other)).ms);

    const flood = Array.from({ length: FLOOD }, () => fullPull(flooder));
    const during = await timedPull(other);
    const answers = await Promise.all(flood);

    // Storage serves one query at a time here (PGlite); at most perSocket of the flooder's pulls run at
    // once, so at most that many are ahead of the other rep's: (perSocket + 1) pulls' time, doubled for
    // a busy machine, plus a second to read and refuse the flood's frames. Unbounded, it waited behind
    // all 2,000.
    const bound = 2 * (DEFAULT_SYNC_LIMITS.perSocket + 1) * baseline + 1000;
    expect(during.ack).toEqual(alone.ack);
    expect(during.ms).toBeLessThan(bound);

    const refused = answers.filter((ack) => !ack.ok);
    expect(refused.length).toBeGreaterThan(FLOOD / 2);
    for (const ack of refused)
      expect(ack).toEqual({ ok: false, error: { code: 'rate_limited', message: BUSY_MESSAGE } });
    const served = answers.filter((ack) => ack.ok);
    expect(served.length).toBeGreaterThanOrEqual(DEFAULT_SYNC_LIMITS.perSocket + DEFAULT_SYNC_LIMITS.queuedPerSocket);
    // Still connected, and served as usual once the flood is over.
    expect(flooder.connected).toBe(true);
    expect((await fullPull(flooder)).ok).toBe(true);
  });
});
