// The baseline's server (see latency.ts), in a process of its own like the server under test: a
// bare socket.io server whose one handler runs one database statement of the same shape as the
// one a rep action costs the real server (server/db/action-write.ts) — the conversation row
// updated (a tag) or locked (a note), the note inserted, one change-log row appended under an
// advisory lock, the action id recorded with its result — and then acks. One emit, one ack, one
// statement (a prepared one, as the server's are), and none of Caredesk's checks or decisions.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Server } from 'socket.io';

const databaseUrl = process.argv[2];
if (!databaseUrl) throw new Error('usage: echo-server.ts <database url>');
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
await client.query(`
  create table if not exists bench_echo_conversations (id text primary key, tags jsonb not null default '[]');
  create table if not exists bench_echo_notes (
    id text primary key, conversation_id text not null, body text not null, created_at bigint not null,
    client_id text not null unique);
  create table if not exists bench_echo_changes (
    seq bigserial primary key, kind text not null, entity_id text not null, payload jsonb not null,
    created_at bigint not null, action_id text);
  create table if not exists bench_echo_actions (
    id text primary key, type text not null, seq bigint not null, result jsonb not null, created_at bigint not null);
`);

/** Not the change log's lock (server/db/changes.ts): the echo's own, taken the same way. */
const ECHO_LOCK = 44_800_099;
const tail = `
  log_lock as (select pg_advisory_xact_lock(${ECHO_LOCK}) as locked from written),
  ch as (
    insert into bench_echo_changes (kind, entity_id, payload, created_at, action_id)
    select written.kind, written.id, written.payload, $3::bigint, $4 from log_lock, written returning seq),
  app as (
    insert into bench_echo_actions (id, type, seq, result, created_at)
    select $4, written.kind, ch.seq, jsonb_build_object('seq', ch.seq), $3::bigint from written, ch returning seq)
  select seq from app`;
const STATEMENTS = {
  tag: `with
    conv as (
      insert into bench_echo_conversations (id, tags) values ($1, $2::text::jsonb)
      on conflict (id) do update set tags = excluded.tags returning id, tags),
    written as (select 'conversation' as kind, id, jsonb_build_object('id', id, 'tags', tags) as payload from conv),
    ${tail}`,
  note: `with
    conv as (select id from bench_echo_conversations where id = $1 for update),
    note as (
      insert into bench_echo_notes (id, conversation_id, body, created_at, client_id)
      select $4 || '-note', conv.id, $2, $3::bigint, $4 from conv returning id, body),
    written as (select 'note' as kind, id, jsonb_build_object('id', id, 'body', body) as payload from note),
    ${tail}`,
};

interface EchoAction {
  type: 'tag' | 'note';
  conversationId: string;
  tag?: string;
  body?: string;
}

const http = createServer();
const server = new Server(http, { serveClient: false });
server.on('connection', (socket) => {
  socket.on('echo', (request: { id: string; action: EchoAction }, ack: (value: unknown) => void) => {
    const { id, action } = request;
    const value = action.type === 'tag' ? JSON.stringify([action.tag ?? '']) : (action.body ?? '');
    client
      .query<{ seq: string }>({
        name: `echo_${action.type}`,
        text: STATEMENTS[action.type],
        values: [action.conversationId, value, Date.now(), id],
      })
      .then(
        (result) => ack({ ok: true, value: { seq: Number(result.rows[0]?.seq ?? 0) } }),
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
