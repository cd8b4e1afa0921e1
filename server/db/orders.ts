// Orders as order actions change them (the embedded CRM): read under a row lock, then written
// back whole, in the action's transaction.
import type { Order } from '../../shared/domain/entities';
import { json } from './sql';
import type { Sql } from './sql';

/** The order, its row locked until the transaction ends; null when there is none. */
export async function lockOrder(tx: Sql, orderId: string): Promise<Order | null> {
  const rows = await tx.query<{ doc: Order }>('select doc from orders where id = $1 for update', [orderId]);
  return rows[0]?.doc ?? null;
}

/** Writes an order's document back (its customer and number do not change). */
export async function writeOrder(tx: Sql, order: Order): Promise<void> {
  await tx.query('update orders set doc = $2::text::jsonb where id = $1', [order.id, json(order)]);
}

/** The user's stored refund limit in minor units; null: their role's default (`refundLimitOf`). */
export async function storedRefundLimit(sql: Sql, userId: string): Promise<number | null> {
  const rows = await sql.query<{ cents: string | number | null }>(
    'select refund_limit_cents as cents from users where id = $1',
    [userId],
  );
  const cents = rows[0]?.cents ?? null;
  return cents === null ? null : Number(cents);
}

/** Sets a user's refund limit (null: their role's default). */
export async function setRefundLimit(sql: Sql, userId: string, cents: number | null): Promise<void> {
  await sql.query('update users set refund_limit_cents = $2 where id = $1', [userId, cents]);
}
