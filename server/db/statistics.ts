import type { Sql } from './sql';

/**
 * Refreshes the planner's statistics. PGlite runs no autovacuum, so without this its planner never
 * learns how large the change log is and picks a plan for the pull query whose cost grows with
 * everything after the cursor: a first sync then slows quadratically. Cheap (it samples).
 */
export async function analyzeDatabase(sql: Sql): Promise<void> {
  await sql.query('analyze');
}
