import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Database } from './sql';
import { analyzeDatabase } from './statistics';

interface OpenDatabaseOptions {
  /** Data folder; PGlite lives in `<dataDir>/pg`. Ignored when `databaseUrl` is set. */
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Where PostgreSQL pool errors go; console.error by default. */
  log?: (error: unknown) => void;
}

/** Opens PostgreSQL when a URL is given, embedded PGlite otherwise, and migrates it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let db: Database;
  if (options.databaseUrl) {
    db = openPostgres(options.databaseUrl, { log: options.log });
  } else {
    const dir = join(options.dataDir, 'pg');
    await mkdir(dir, { recursive: true });
    db = await openPglite(dir);
  }
  try {
    await migrate(db);
    // No autovacuum in PGlite: statistics are refreshed at start-up instead (see statistics.ts).
    if (db.kind === 'pglite') await analyzeDatabase(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
