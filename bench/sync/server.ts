// The central server for the benchmarks: a child process on a fresh PostgreSQL database (or, with
// `store: 'embedded'`, on embedded PGlite in a fresh data folder), so the engine under test has its
// process (and event loop) to itself, as in the desktop app.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/open';
import type { Database } from '../../server/db/sql';
import { createTestPostgres } from '../../server/db/testing';
import { seedDemoIfEmpty } from '../../server/demo/seed';
import { startChild } from '../child';

export interface BenchServer {
  url: string;
  /**
   * A connection of the benchmark's own to the server's database; null on the embedded store,
   * which only the server's process may open.
   */
  sql: Database | null;
  databaseUrl: string | null;
  close(): Promise<void>;
}

export interface BenchServerOptions {
  /** `postgres` (default): a fresh PostgreSQL database; `embedded`: PGlite in a fresh data folder. */
  store?: 'postgres' | 'embedded';
  /** More environment for the server (webhook secrets, say). */
  env?: Record<string, string>;
}

/** A server on PostgreSQL, with the benchmark's own connection to its database. */
export async function startBenchServer(
  conversations: number,
  options: BenchServerOptions = {},
): Promise<BenchServer & { sql: Database; databaseUrl: string }> {
  const server = await startServerProcess(conversations, { ...options, store: 'postgres' });
  const { sql, databaseUrl } = server;
  if (!sql || !databaseUrl) throw new Error('a PostgreSQL bench server has a database URL and a connection');
  return { ...server, sql, databaseUrl };
}

/** A server on the store `options.store` names, seeded with the demo organisation. */
export async function startServerProcess(
  conversations: number,
  options: BenchServerOptions = {},
): Promise<BenchServer> {
  const embedded = options.store === 'embedded';
  const pg = embedded ? null : await createTestPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-bench-srv-'));
  const seeded = await openDatabase({ dataDir, databaseUrl: pg?.url });
  await seedDemoIfEmpty(seeded, { conversations, seed: 7, now: Date.now() });
  // PGlite is one process's: the seeding connection closes before the server opens the folder.
  if (embedded) await seeded.close();
  const sql = embedded ? null : seeded;
  const child = await startChild(
    'server/cli.ts',
    ['--port', '0', '--data', dataDir],
    /Caredesk server listening on (\S+)/,
    { ...process.env, ...options.env, DATABASE_URL: pg?.url ?? '', REDIS_URL: '' },
  );
  const url = child.found;
  return {
    url,
    sql,
    databaseUrl: pg?.url ?? null,
    close: async () => {
      await child.stop();
      await sql?.close();
      await pg?.drop();
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
