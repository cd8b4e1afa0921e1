// The reassignment baseline's server, in a process of its own like the server under test: a bare
// socket.io server whose one handler updates the assignee of the given conversations in one
// statement (on a copy of their rows, so the real ones stay as they are), broadcasts the updated
// rows to every client, and acks. No permissions, change log, rooms or pulls.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Server } from 'socket.io';

const databaseUrl = process.argv[2];
if (!databaseUrl) throw new Error('usage: fanout-server.ts <database url>');
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
await client.query(
  `create table if not exists bench_fanout_conversations as select * from conversations where false;
   alter table bench_fanout_conversations drop constraint if exists bench_fanout_conversations_pkey;`,
);

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 10e6 });
io.on('connection', (socket) => {
  socket.on('copy', async (ids: string[], ack: (n: number) => void) => {
    await client.query('insert into bench_fanout_conversations select * from conversations where id = any($1)', [ids]);
    ack(ids.length);
  });
  socket.on('reassign', async ({ ids, assigneeId }: { ids: string[]; assigneeId: string }, ack: () => void) => {
    const { rows } = await client.query(
      `update bench_fanout_conversations set assignee_id = $1 where id = any($2) returning row_to_json(bench_fanout_conversations) as row`,
      [assigneeId, ids],
    );
    io.emit(
      'changed',
      rows.map((r: { row: unknown }) => r.row),
    );
    ack();
  });
});
http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`fanout listening on ${(http.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  void io.close();
  void client.end().then(() => process.exit(0));
});
