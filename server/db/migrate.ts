import { migrations as allMigrations } from './migrations/index';
import type { Migration } from './migrations/index';
import { num } from './sql';
import type { ScriptSql, Sql } from './sql';

/** Serialises concurrent migrators (several server processes on one PostgreSQL). */
const MIGRATION_LOCK = 44_800_001;

/**
 * Applies pending migrations in one transaction; returns the versions applied. Each script runs
 * whole (`exec`): PostgreSQL finds where its statements end, so function bodies and string
 * literals may hold `;` anywhere.
 */
export async function migrate(sql: ScriptSql, migrations: readonly Migration[] = allMigrations): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `create table if not exists schema_migrations (
         version integer primary key,
         name text not null,
         applied_at bigint not null
       )`,
    );
    const rows = await tx.query<{ version: number }>('select version from schema_migrations');
    const done = new Set(rows.map((row) => num(row.version)));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

export async function schemaVersion(sql: Sql): Promise<number> {
  const rows = await sql.query<{ version: number | null }>('select max(version) as version from schema_migrations');
  return num(rows[0]?.version ?? 0);
}
