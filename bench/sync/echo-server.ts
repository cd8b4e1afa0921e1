// The baseline's server (see latency.ts), in a process of its own like the server under test:
// a bare socket.io server whose one handler commits one row before it acks.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Server } from 'socket.io';

const databaseUrl = process.argv[2];
if (!databaseUrl) throw new Error('usage: echo-server.ts <database url>');
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
http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`echo listening on http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  void server.close();
  void client.end().then(() => process.exit(0));
});
