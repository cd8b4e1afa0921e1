import { describe, expect, it } from 'vitest';
import type { Db } from '../open';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { getOpenedCustomer, saveOpenedCustomer } from '../opened-customers';

/** Every row of every table (FTS shadow tables aside), to compare before and after. */
function snapshot(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts%'
       ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));
}

describe('migration 007 opened customers', () => {
  it('keeps every row of a version-6 cache and stores opened customers beside them', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 6);
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES ('c1', 't1', 'cu1', 'sms', NULL, 'open', 'u7', 1, 2, 'Hi', 2)`,
    ).run();
    db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES ('m1', 'c1', 'sms', 'inbound', NULL, 'Where is my order?', 2, 'received', NULL)`,
    ).run();
    db.prepare(
      `INSERT INTO customers (id, name, email, created_at) VALUES ('cu1', 'Pat Doe', 'pat@example.com', 1)`,
    ).run();
    db.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', '42'), ('user_id', 'u7')`).run();
    const before = snapshot(db);

    migrate(db, 7);
    expect(schemaVersion(db)).toBe(7);
    const after = snapshot(db);
    expect(after).toEqual({ ...before, opened_customers: [] });

    const record = {
      customer: { id: 'cu9', name: 'Harriet Ashdown', email: null, createdAt: 1, identities: [] },
      orders: [],
      conversations: [],
    };
    saveOpenedCustomer(db, record, 1_000);
    expect(getOpenedCustomer(db, 'cu9')).toEqual({ record, fetchedAt: 1_000 });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT record FROM opened_customers WHERE customer_id = 'cu9'`)
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual([expect.stringContaining('USING INDEX')]);
    db.close();
  });
});
