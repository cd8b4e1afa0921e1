// The baseline for action → ack: a bare socket.io echo whose handler commits one row, on the
// same PostgreSQL database as the server under test.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import type { SocketFactory } from '../../electron/services/sync/socket';

/** Round-trip milliseconds of `runs` sequential echoes, each committing one insert before the ack. */
export async function echoWithCommit(databaseUrl: string, runs: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('create table if not exists bench_echo (id text primary key, at bigint not null)');
  const http = createServer();
  const server = new Server(http, { serveClient: false });
  server.on('connection', (socket) => {
    socket.on('echo', (payload: { id: string }, ack: (value: unknown) => void) => {
      client
        .query('begin')
        .then(() => client.query('insert into bench_echo (id, at) values ($1, $2)', [payload.id, Date.now()]))
        .then(() => client.query('commit'))
        .then(
          () => ack({ ok: true, value: payload }),
          (error: unknown) => ack({ ok: false, error: String(error) }),
        );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const socket = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const samples: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    const start = process.hrtime.bigint();
    await socket.emitWithAck('echo', { id: `echo-${i}`, body: 'Your parcel left the depot this morning.' });
    if (i >= 20) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  socket.close();
  await server.close();
  await client.end();
  return samples;
}

/** The engine's own socket, timing each request from send to answer, by event name. */
export function timedSockets(inner: SocketFactory, samples: Map<string, number[]>): SocketFactory {
  return (url, options) => {
    const socket = inner(url, options);
    return Object.assign(Object.create(socket) as typeof socket, {
      request: async (name: string, payload: unknown, timeoutMs: number) => {
        const start = process.hrtime.bigint();
        const answer = await socket.request(name, payload, timeoutMs);
        const list = samples.get(name) ?? [];
        list.push(Number(process.hrtime.bigint() - start) / 1e6);
        samples.set(name, list);
        return answer;
      },
    });
  };
}
