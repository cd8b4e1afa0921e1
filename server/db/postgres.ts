import pg from 'pg';
import type { Database, ScriptSql, SqlRow } from './sql';

interface PostgresOptions {
  /** Pool size. */
  max?: number;
  /** How long to wait for a connection (new, or free in the pool) before failing; default 5 s. */
  connectionTimeoutMillis?: number;
  /** PostgreSQL cancels any statement running longer; default 30 s. */
  statementTimeoutMillis?: number;
  log?: (error: unknown) => void;
}

/**
 * A real PostgreSQL through a `pg` pool. Nothing waits forever: an unreachable server or an
 * exhausted pool fails after `connectionTimeoutMillis`, a stuck statement after `statementTimeoutMillis`.
 */
export function openPostgres(connectionString: string, options: PostgresOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    statement_timeout: options.statementTimeoutMillis ?? 30_000,
  });
  const log = options.log ?? ((error: unknown) => console.error(error));
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => log(new Error(`PostgreSQL connection lost: ${error.message}`, { cause: error })));
  const statement = preparedStatements();
  const onClient = (client: pg.PoolClient): ScriptSql => ({
    kind: 'postgres',
    query: async <Row extends object = SqlRow>(text: string, params: readonly unknown[] = []) =>
      (await client.query<Row & pg.QueryResultRow>(statement(text, params))).rows,
    // A text without values goes as one simple-protocol query, which may hold several statements.
    exec: async (script) => {
      await client.query(script);
    },
    transaction: (fn) => fn(onClient(client)),
  });
  return {
    kind: 'postgres',
    query: async <Row extends object = SqlRow>(text: string, params: readonly unknown[] = []) =>
      (await pool.query<Row & pg.QueryResultRow>(statement(text, params))).rows,
    exec: async (script) => {
      await pool.query(script);
    },
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

/** Distinct statement texts named (so prepared once per connection) before the rest go unnamed. */
const MAX_NAMED_STATEMENTS = 500;

/**
 * Every statement with parameters is named after its text: each connection parses and plans it
 * once and then only executes it (a rep action's statements cost a fraction of a fresh parse).
 * Statements without parameters go unnamed, as simple-protocol queries.
 */
function preparedStatements(): (text: string, params: readonly unknown[]) => pg.QueryConfig {
  const names = new Map<string, string>();
  return (text, params) => {
    if (params.length === 0) return { text };
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
      name = `caredesk_${names.size + 1}`;
      names.set(text, name);
    }
    return name === undefined ? { text, values: [...params] } : { name, text, values: [...params] };
  };
}
