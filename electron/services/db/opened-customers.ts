// Customers the rep opened (shared/sync/lookups.ts), kept for offline use.
import type { CustomerRecord } from '../../../shared/sync/lookups';
import type { Db } from './open';
import { toCachedCustomer } from './rows';
import type { CachedCustomer, CachedCustomerRow } from './rows';
import { prepared } from './statements';

/** How many opened customers are kept; the least recently fetched go first. */
export const OPENED_CUSTOMERS_KEPT = 500;

/** Stores (or refreshes) a customer as the server answered at `fetchedAt`. */
export function saveOpenedCustomer(db: Db, record: CustomerRecord, fetchedAt: number): void {
  db.transaction(() => {
    prepared(
      db,
      `INSERT INTO opened_customers (customer_id, record, fetched_at) VALUES (?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET record = excluded.record, fetched_at = excluded.fetched_at`,
    ).run(record.customer.id, JSON.stringify(record), fetchedAt);
    prepared(
      db,
      `DELETE FROM opened_customers WHERE customer_id NOT IN
         (SELECT customer_id FROM opened_customers ORDER BY fetched_at DESC, customer_id LIMIT ?)`,
    ).run(OPENED_CUSTOMERS_KEPT);
  })();
}

export function getOpenedCustomer(db: Db, customerId: string): CachedCustomer | null {
  const row = prepared(db, 'SELECT record, fetched_at FROM opened_customers WHERE customer_id = ?').get(customerId) as
    CachedCustomerRow | undefined;
  return row ? toCachedCustomer(row) : null;
}

/** The server says the customer is gone (erased, or merged into another): its copy goes too. */
export function forgetOpenedCustomer(db: Db, customerId: string): void {
  prepared(db, 'DELETE FROM opened_customers WHERE customer_id = ?').run(customerId);
}
