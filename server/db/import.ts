import type { Sql } from './sql';

/** The order stored under this number, and whose it is (order numbers are unique). */
export async function findOrderOwner(
  sql: Sql,
  number: string,
): Promise<{ orderId: string; customerId: string } | null> {
  const rows = await sql.query<{ id: string; customer_id: string }>(
    'select id, customer_id from orders where number = $1',
    [number],
  );
  const row = rows[0];
  return row ? { orderId: row.id, customerId: row.customer_id } : null;
}
