// One engine flooding the server with requests: the others' pulls are barely slowed, the flooder is
// refused (clearly, retryably), and nothing crashes (limits.ts).
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

describe('a flood of requests from one socket', () => {
  it(`of ${FLOOD} full pulls keeps another rep's pull behind at most the flooder's admitted few, and is refused, not crashed`, async () => {
    const flooder = await connect('rep01@northwind.example');
    const other = await connect('rep06@northwind.example');
    const alone = await fullPull(other);

    // Counted by order, not by time (a busy machine slows every pull alike): how many of the flood's
    // pulls were answered with a page before the other rep's pull was.
    let otherAnswered = false;
    let servedBefore = 0;
    const flood = Array.from({ length: FLOOD }, () =>
      fullPull(flooder).then((ack) => {
        if (ack.ok && !otherAnswered) servedBefore++;
        return ack;
      }),
    );
    // Marked in the answer's own callback, so a flood answer that arrives after it is never counted as before.
    const during = await fullPull(other).then((ack) => {
      otherAnswered = true;
      return ack;
    });
    const answers = await Promise.all(flood);

    // At most perSocket of the flooder's pulls run at once and queuedPerSocket wait; the rest are
    // refused at once. So the other rep's pull waits behind those few at most — and, while it runs
    // beside them, the flood's later requests that found a freed slot (at most perSocket at a time):
    // on a loaded machine the flood takes longer to arrive than a pull takes to answer. Unbounded,
    // it waited behind all 2,000.
    expect(during).toEqual(alone);
    const { perSocket, queuedPerSocket } = DEFAULT_SYNC_LIMITS;
    expect(servedBefore).toBeLessThanOrEqual(perSocket + queuedPerSocket + perSocket);

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
