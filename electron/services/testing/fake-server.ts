// A minimal in-process stand-in for the central server, speaking the shared/sync protocol over
// real socket.io on loopback. For the engine's own tests; the real server is tested in e2e/sync.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Message, User } from '../../../shared/domain';
import { HandshakeAuth, HttpRoutes, PullRequest, SendReplyRequest, SyncEvents } from '../../../shared/sync';
import type { Change, ChangeData, PullAck, SendReplyAck, SignInResponse } from '../../../shared/sync';

export interface FakeServer {
  url: string;
  /** Appends to the change log and pokes connected clients. */
  publish(...items: ChangeData[]): void;
  /** Replies stored, by clientId (each stored once). */
  replies: Map<string, Message>;
  /** Every reply:send received, duplicates included. */
  sendCount: number;
  /** Makes the next connections fail with this connect_error code. */
  rejectWith: string | null;
  /** Stops answering reply:send acks (they time out). */
  dropAcks: boolean;
  /** Stores replies without publishing them to the change log. */
  quietReplies: boolean;
  connections: number;
  /** Closes every client connection from the server side. */
  disconnectAll(): void;
  close(): Promise<void>;
}

export async function startFakeServer(user: User, password = 'secret'): Promise<FakeServer> {
  const log: Change[] = [];
  const http = createServer((req, res) => {
    if (req.method === 'POST' && req.url === HttpRoutes.signIn) {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const input = JSON.parse(body) as { email: string; password: string };
        if (input.email !== user.email || input.password !== password) {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 'bad_credentials', message: 'Wrong email or password.' }));
          return;
        }
        const response: SignInResponse = { token: 'token-1', expiresAt: Date.now() + 3_600_000, user };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(response));
      });
      return;
    }
    res.writeHead(404).end();
  });
  const io = new Server(http);
  const fake: FakeServer = {
    url: '',
    replies: new Map(),
    sendCount: 0,
    rejectWith: null,
    dropAcks: false,
    quietReplies: false,
    connections: 0,
    publish(...items) {
      for (const item of items) log.push({ ...item, seq: log.length + 1 });
      io.emit(SyncEvents.poke, { seq: log.length });
    },
    disconnectAll: () => void io.disconnectSockets(true),
    close: () => new Promise((resolve) => void io.close(() => resolve())),
  };
  io.use((socket, next) => {
    if (fake.rejectWith) return next(new Error(fake.rejectWith));
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success)
      return next(
        new Error(auth.error.issues.some((i) => i.path[0] === 'protocol') ? 'protocol_mismatch' : 'unauthorized'),
      );
    if (auth.data.token !== 'token-1') return next(new Error('unauthorized'));
    next();
  });
  io.on('connection', (socket) => {
    fake.connections++;
    socket.on(SyncEvents.pull, (raw: unknown, ack: (a: PullAck) => void) => {
      const request = PullRequest.parse(raw);
      const changes = log.filter((c) => c.seq > request.cursor).slice(0, request.limit);
      const cursor = changes.at(-1)?.seq ?? request.cursor;
      ack({ ok: true, value: { changes, cursor, hasMore: cursor < log.length } });
    });
    socket.on(SyncEvents.sendReply, (raw: unknown, ack: (a: SendReplyAck) => void) => {
      fake.sendCount++;
      const request = SendReplyRequest.parse(raw);
      const known = log.some((c) => c.kind === 'conversation' && c.data.id === request.conversationId);
      if (!known) return ack({ ok: false, error: { code: 'not_found', message: 'No such conversation.' } });
      let stored = fake.replies.get(request.clientId);
      if (!stored) {
        stored = {
          id: `srv-${fake.replies.size + 1}`,
          conversationId: request.conversationId,
          channel: 'x',
          direction: 'outbound',
          authorId: user.id,
          body: request.body,
          createdAt: Date.now(),
          status: 'sent',
          clientId: request.clientId,
        };
        fake.replies.set(request.clientId, stored);
        if (!fake.quietReplies) fake.publish({ kind: 'message', data: stored });
      }
      if (!fake.dropAcks) ack({ ok: true, value: stored });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return fake;
}
