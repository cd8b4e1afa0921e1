// The central server for the sync benchmark: a child process on a fresh PostgreSQL database,
// so the engine under test has its process (and event loop) to itself, as in the desktop app.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/open';
import type { Database } from '../../server/db/sql';
import { createTestPostgres } from '../../server/db/testing';
import { seedDemoIfEmpty } from '../../server/demo/seed';

export interface BenchServer {
  url: string;
  /** A connection of the benchmark's own to the server's database. */
  sql: Database;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startBenchServer(conversations: number): Promise<BenchServer> {
  const pg = await createTestPostgres();
  const sql = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'caredesk-bench-pg-')), databaseUrl: pg.url });
  await seedDemoIfEmpty(sql, { conversations, seed: 7, now: Date.now() });
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--data', mkdtempSync(join(tmpdir(), 'caredesk-bench-srv-'))],
    { env: { ...process.env, DATABASE_URL: pg.url, REDIS_URL: '' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Caredesk server listening on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening`)));
  });
  return {
    url,
    sql,
    databaseUrl: pg.url,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await sql.close();
      await pg.drop();
    },
  };
}

/**
 * What a long offline period leaves behind: `count` changes in the log after the engine's
 * cursor, half inbound messages on the rep's teams' conversations and half the conversation
 * updates they cause, written straight into the change log (the engine reads only the log).
 */
export async function writeBacklog(sql: Database, teamIds: readonly string[], count: number): Promise<void> {
  const base = Date.now();
  await sql.query(
    `with convs as (
       select c.*, row_number() over (order by c.id) - 1 as k, count(*) over () as n
       from conversations c where c.team_id = any($1::text[])
     ), g as (select generate_series(0, $2 - 1) as i)
     insert into changes (team_id, kind, entity_id, payload, created_at)
     select c.team_id,
       case when g.i % 2 = 0 then 'message' else 'conversation' end,
       case when g.i % 2 = 0 then 'bench-m' || g.i else c.id end,
       case when g.i % 2 = 0 then jsonb_build_object(
         'id', 'bench-m' || g.i, 'conversationId', c.id, 'channel', c.channel, 'direction', 'inbound',
         'authorId', null, 'body', 'Any news on my parcel? Tracking has not moved since Tuesday (' || g.i || ').',
         'createdAt', $3::bigint + g.i, 'status', 'received', 'clientId', null)
       else jsonb_build_object(
         'id', c.id, 'teamId', c.team_id, 'customerId', c.customer_id, 'channel', c.channel, 'subject', c.subject,
         'status', 'open', 'assigneeId', c.assignee_id, 'createdAt', c.created_at, 'lastMessageAt', $3::bigint + g.i,
         'lastMessagePreview', 'Any news on my parcel?', 'waitingSince', c.created_at, 'tags', c.tags,
         'snoozedUntil', null)
       end,
       $3::bigint
     from g join convs c on c.k = (g.i / 2) % c.n
     order by g.i`,
    [[...teamIds], count, base],
  );
}
