// Customers, their identities and orders, as the change log carries them.
import { kindOfChannel } from '../../../shared/domain';
import type { Customer, Order } from '../../../shared/domain';
import { HANDLE_FOR } from './conversation-state';
import type { Db } from './open';
import { toOrder } from './rows';
import { prepared } from './statements';

/** Returns the conversations whose denormalised customer name/handle were refreshed. */
export function upsertCustomer(db: Db, customer: Customer): string[] {
  prepared(
    db,
    `INSERT INTO customers (id, name, email, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, created_at = excluded.created_at`,
  ).run(customer.id, customer.name, customer.email, customer.createdAt);
  prepared(db, 'DELETE FROM identities WHERE customer_id = ?').run(customer.id);
  const insertIdentity = prepared(
    db,
    `INSERT INTO identities (id, customer_id, channel, value, display, kind, linked_by, linked_at, evidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, channel = excluded.channel,
       value = excluded.value, display = excluded.display, kind = excluded.kind, linked_by = excluded.linked_by,
       linked_at = excluded.linked_at, evidence = excluded.evidence`,
  );
  for (const identity of customer.identities) {
    insertIdentity.run(
      identity.id,
      customer.id,
      identity.channel,
      identity.value,
      identity.display,
      // A server before protocol 6 sends no kind: its SMS and WhatsApp identities were phones.
      identity.kind ?? kindOfChannel(identity.channel),
      identity.linkedBy ?? null,
      identity.linkedAt ?? null,
      identity.evidence ?? null,
    );
  }
  const refreshed = prepared(
    db,
    `UPDATE conversations SET customer_name = @name, customer_handle = ${HANDLE_FOR('@id', 'conversations.channel')}
     WHERE customer_id = @id RETURNING id`,
  ).all({ name: customer.name, id: customer.id }) as { id: string }[];
  return refreshed.map((row) => row.id);
}

/** Returns the conversations of the order's customer, whose panel shows it. */
export function upsertOrder(db: Db, order: Order): string[] {
  prepared(
    db,
    `INSERT INTO orders (id, customer_id, number, placed_at, doc) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, number = excluded.number,
       placed_at = excluded.placed_at, doc = excluded.doc`,
  ).run(order.id, order.customerId, order.number, order.placedAt, JSON.stringify(order));
  return prepared(db, 'SELECT id FROM conversations WHERE customer_id = ?').pluck().all(order.customerId) as string[];
}

/** An order as the cache holds it (what the rep's panel shows); null when it holds none. */
export function getOrder(db: Db, orderId: string): Order | null {
  const doc = prepared(db, 'SELECT doc FROM orders WHERE id = ?').pluck().get(orderId) as string | undefined;
  return doc === undefined ? null : toOrder(doc);
}

/** A refund waiting for approval on an order the cache holds, and the name on its conversation. */
export interface AwaitingRefundRow {
  order: Order;
  requestId: string;
  customerName: string;
}

/**
 * Refunds waiting for approval whose request was made on a conversation of `teamIds`, oldest
 * first. Reads every order's document (no index serves a JSON field): a lead's cache holds only
 * the orders of their teams' customers.
 */
export function ordersAwaitingApproval(db: Db, teamIds: readonly string[]): AwaitingRefundRow[] {
  const rows = prepared(
    db,
    `SELECT o.doc AS doc, json_extract(r.value, '$.id') AS requestId, c.customer_name AS customerName
     FROM orders o, json_each(o.doc, '$.refundRequests') r
     JOIN conversations c ON c.id = json_extract(r.value, '$.conversationId')
     WHERE json_extract(r.value, '$.status') = 'awaiting_approval'
       AND c.team_id IN (SELECT value FROM json_each(?))
     ORDER BY json_extract(r.value, '$.requestedAt'), requestId`,
  ).all(JSON.stringify(teamIds)) as { doc: string; requestId: string; customerName: string }[];
  return rows.map((row) => ({ order: toOrder(row.doc), requestId: row.requestId, customerName: row.customerName }));
}
