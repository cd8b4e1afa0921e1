/**
 * The one storage seam of the server: PostgreSQL SQL text with $n parameters, run either on
 * embedded PGlite or on a real PostgreSQL. Repository functions take a `Sql` first.
 */
export type StorageKind = 'pglite' | 'postgres';

export type SqlRow = Record<string, unknown>;

export interface Sql {
  readonly kind: StorageKind;
  query<Row extends object = SqlRow>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs `fn` in one transaction; commits when it resolves, rolls back when it throws.
   * Called on a transaction handle it joins the running transaction.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

/**
 * A `Sql` that can also run a whole script of several statements (a migration), sent as one
 * simple-protocol message: no parameters, and the server itself parses where statements end, so a
 * `;` inside a function body or a string literal is just text.
 */
export interface ScriptSql extends Sql {
  exec(script: string): Promise<void>;
  transaction<T>(fn: (tx: ScriptSql) => Promise<T>): Promise<T>;
}

/** A `Sql` that owns its connection(s). */
export interface Database extends ScriptSql {
  close(): Promise<void>;
}

/** JSON parameters travel as text and are cast in SQL (`$1::text::jsonb`) on both drivers. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** int8 columns arrive as strings from `pg` and as numbers from PGlite. */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}
