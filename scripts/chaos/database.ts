// The run's own PostgreSQL database: created empty, loaded with the demo organisation, dropped at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../server/db/open';
import type { Sql } from '../../server/db/sql';
import { seedDemoIfEmpty } from '../../server/demo/seed';
import type { TeamConversation } from './workload';

const DEFAULT_BASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ChaosDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh `caredesk_chaos_<random>` database next to the one DATABASE_URL names. */
export async function createChaosDatabase(
  baseUrl = process.env.DATABASE_URL || DEFAULT_BASE_URL,
): Promise<ChaosDatabase> {
  const name = `caredesk_chaos_${randomBytes(6).toString('hex')}`;
  await admin(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  // `with (force)` ends the connections a killed server child may have left behind.
  return { url: url.toString(), drop: () => admin(baseUrl, `drop database if exists ${name} with (force)`) };
}

/**
 * Migrates the database, loads the demo organisation (its ids and statuses depend only on the
 * demo seed, so the workload planned from them repeats) and returns the team's conversations.
 */
export async function loadDemoOrganisation(
  url: string,
  conversations: number,
  teamId: string,
): Promise<TeamConversation[]> {
  const sql = await openDatabase({ dataDir: '.', databaseUrl: url });
  try {
    await seedDemoIfEmpty(sql, { conversations, seed: 1, now: Date.now() });
    return await teamConversations(sql, teamId);
  } finally {
    await sql.close();
  }
}

async function teamConversations(sql: Sql, teamId: string): Promise<TeamConversation[]> {
  // to_jsonb: `tags` exists only from migration 3 on; absent, a conversation has none.
  const rows = await sql.query<{ c: { id: string; assignee_id: string | null; status: string; tags?: string[] } }>(
    'select to_jsonb(c) as c from conversations c where team_id = $1 order by id',
    [teamId],
  );
  return rows.map(({ c }) => ({ id: c.id, assigneeId: c.assignee_id, status: c.status, tags: c.tags ?? [] }));
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
