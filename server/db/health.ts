import type { Sql } from './sql';

/** Whether storage answers a trivial query (the caller bounds how long it waits). */
export async function storageAnswers(sql: Sql): Promise<boolean> {
  const rows = await sql.query<{ one: number }>('select 1 as one');
  return rows[0]?.one === 1;
}
