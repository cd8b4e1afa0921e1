import type { Migration } from '../migrate';

/**
 * Customers the rep opened through a lookup (they are not replicated), kept so that they still
 * show offline: the whole record as the server answered it, and when it was fetched. Only the
 * most recently opened are kept (db/opened-customers.ts).
 */
export const m007OpenedCustomers: Migration = {
  version: 7,
  name: 'opened_customers',
  up(db) {
    db.exec(`
      CREATE TABLE opened_customers (
        customer_id TEXT PRIMARY KEY,
        record TEXT NOT NULL, -- the CustomerRecord as JSON
        fetched_at INTEGER NOT NULL
      );
      CREATE INDEX opened_customers_fetched ON opened_customers (fetched_at);
    `);
  },
};
