// The run's own PostgreSQL database: created empty, loaded with the demo organisation, dropped at the end.
import { openDatabase } from '../../server/db/open';
import type { Sql } from '../../server/db/sql';
import { createTestPostgres } from '../../server/db/testing';
import { seedDemoIfEmpty } from '../../server/demo/seed';
import type { TeamConversation } from './workload';

export type ChaosDatabase = Awaited<ReturnType<typeof createTestPostgres>>;

/** A fresh `caredesk_chaos_<random>` database next to the one DATABASE_URL names (a killed server may leave connections: drop forces them off). */
export function createChaosDatabase(baseUrl?: string): Promise<ChaosDatabase> {
  return createTestPostgres('caredesk_chaos', baseUrl);
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
