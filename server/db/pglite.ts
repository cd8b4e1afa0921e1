import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Database, ScriptSql, SqlRow } from './sql';

/** Embedded PostgreSQL persisted in `dataDir`; in memory when `dataDir` is undefined. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir);
  const inTransaction = (tx: Transaction): ScriptSql => ({
    kind: 'pglite',
    query: async <Row extends object = SqlRow>(text: string, params: readonly unknown[] = []) =>
      (await tx.query<Row>(text, [...params])).rows,
    exec: async (script) => {
      await tx.exec(script);
    },
    transaction: (fn) => fn(inTransaction(tx)),
  });
  return {
    kind: 'pglite',
    query: async <Row extends object = SqlRow>(text: string, params: readonly unknown[] = []) =>
      (await db.query<Row>(text, [...params])).rows,
    exec: async (script) => {
      await db.exec(script);
    },
    transaction: (fn) => db.transaction((tx) => fn(inTransaction(tx))),
    close: () => db.close(),
  };
}
