// For tests only: a cache that is genuinely full.
import Database from 'better-sqlite3';
import type { Db } from './open';

/**
 * Makes the cache full the way a full disk does: `max_page_count` caps the file at the pages it
 * has now, and a filler table takes every free page and byte, so the next write that needs a
 * new page fails with SQLITE_FULL. Returns a function that gives the space back.
 */
export function fillCache(db: Db): () => void {
  const limit = db.pragma('max_page_count', { simple: true }) as number;
  db.exec('CREATE TABLE IF NOT EXISTS test_filler (data BLOB)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  const insert = db.prepare('INSERT INTO test_filler (data) VALUES (randomblob(?))');
  // Large rows take the free pages, smaller ones the space left in partly used pages.
  for (const size of [4000, 1000, 200, 50, 10, 1]) {
    for (let i = 0; ; i++) {
      if (i > 100_000) throw new Error('The cache did not fill up: is max_page_count ignored?');
      try {
        insert.run(size);
      } catch (error) {
        if (error instanceof Database.SqliteError && error.code === 'SQLITE_FULL') break;
        throw error;
      }
    }
  }
  return () => void db.pragma(`max_page_count = ${limit}`);
}

/**
 * Runs `run` on `db`, recording every SELECT the repositories prepare, and returns each with its
 * `EXPLAIN QUERY PLAN` lines (parameters, positional or named, bound to placeholders).
 */
export function queryPlans(db: Db, run: (db: Db) => void): { sql: string; plan: string[] }[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => {
    seen.push(sql);
    return prepare(sql);
  };
  try {
    run(db);
  } finally {
    db.prepare = prepare;
  }
  return seen
    .filter((sql) => /^\s*SELECT/i.test(sql))
    .map((sql) => {
      const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x');
      const named = Object.fromEntries((sql.match(/@\w+/g) ?? []).map((name) => [name.slice(1), 'x']));
      const explain = prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const rows = (Object.keys(named).length > 0 ? explain.all(named) : explain.all(...params)) as {
        detail: string;
      }[];
      return { sql, plan: rows.map((r) => r.detail) };
    });
}
