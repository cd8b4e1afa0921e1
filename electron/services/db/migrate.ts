import { migrations } from './migrations';
import type { Db } from './open';

export interface Migration {
  /** Becomes PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database, each in its own transaction together with
 * its user_version bump, so a crash leaves the schema at a whole version.
 */
export function migrate(db: Db, target: number = latestVersion()): number {
  const current = schemaVersion(db);
  if (current > latestVersion()) {
    throw new Error(
      `The cache was written by a newer Caredesk (schema ${current}, this build knows ${latestVersion()}).`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}

function latestVersion(): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}
