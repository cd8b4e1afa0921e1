import { ORDER_SOURCES } from '../../shared/domain/entities';
import type { Sql } from './sql';

/** The order stored under this number in Caredesk's own records, and whose it is (numbers are unique per source). */
export async function findOrderOwner(
  sql: Sql,
  number: string,
): Promise<{ orderId: string; customerId: string } | null> {
  const rows = await sql.query<{ id: string; customer_id: string }>(
    'select id, customer_id from orders where source = $2 and number = $1',
    [number, ORDER_SOURCES.caredesk],
  );
  const row = rows[0];
  return row ? { orderId: row.id, customerId: row.customer_id } : null;
}
