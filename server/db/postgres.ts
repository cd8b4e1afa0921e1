import pg from 'pg';
import type { Database, Sql, SqlRow } from './sql';

/** A real PostgreSQL through a `pg` pool. */
export function openPostgres(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const onClient = (client: pg.PoolClient): Sql => ({
    kind: 'postgres',
    query: async <Row extends object = SqlRow>(text: string, params: readonly unknown[] = []) =>
      (await client.query<Row & pg.QueryResultRow>(text, [...params])).rows,
    transaction: (fn) => fn(onClient(client)),
  });
  return {
    kind: 'postgres',
    query: async <Row extends object = SqlRow>(text: string, params: readonly unknown[] = []) =>
      (await pool.query<Row & pg.QueryResultRow>(text, [...params])).rows,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(onClient(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
