// The run's own PostgreSQL database: created empty, loaded with the demo organisation, dropped at the end.
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { appendChanges } from '../../server/db/changes';
import { openDatabase } from '../../server/db/open';
import { saveResolutionRow } from '../../server/db/resolutions';
import type { Sql } from '../../server/db/sql';
import { createTestPostgres } from '../../server/db/testing';
import { seedDemoIfEmpty } from '../../server/demo/seed';
import type { LibraryItem } from './messages';
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

/**
 * Gives each user `sizes[i]` canned resolutions before the run, as the server keeps them: the rows
 * and their changes, addressed to the owner alone (so their engine pulls them on sign-in). Every
 * user's items have the same titles ("Preloaded 1"…): a title clash is the owner's own business.
 */
export async function seedLibraries(
  url: string,
  libraries: readonly { userId: string; size: number }[],
  now: number,
): Promise<void> {
  const sql = await openDatabase({ dataDir: '.', databaseUrl: url });
  try {
    await sql.transaction(async (tx) => {
      for (const { userId, size } of libraries) {
        const items: LibraryItem[] = Array.from({ length: size }, (_, i) => ({
          id: `preloaded-${userId}-${i + 1}`,
          ownerId: userId,
          title: `Preloaded ${i + 1}`,
          body: `Preloaded canned resolution ${i + 1}.`,
        }));
        for (const item of items) await saveResolutionRow(tx, { ...item, updatedAt: now });
        const changes = items.map((item) => ({
          teamId: null,
          userId,
          change: { kind: 'resolution' as const, data: { ...item, updatedAt: now } },
        }));
        await appendChanges(tx, changes, now, { actor: SYSTEM_ACTOR, type: 'demo_load' });
      }
    });
  } finally {
    await sql.close();
  }
}
