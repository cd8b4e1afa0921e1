import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 21));

describe.each(testBackends)('migration 021 order_sources on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it("keeps every order as Caredesk's own and lets another source reuse a number, never the same source", async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    const first = before.orders?.[0] as { number: string; customer_id: string } | undefined;
    expect(first).toBeDefined();

    expect(await migrateTo(db, 21)).toEqual([21]);
    const after = await snapshot(db);
    expect(after.orders).toEqual(before.orders?.map((row) => ({ ...row, source: 'caredesk' })));

    const insert = (id: string, source: string) =>
      db.query(
        `insert into orders (id, customer_id, number, placed_at, doc, source) values ($1, $2, $3, 1, '{}'::jsonb, $4)`,
        [id, first?.customer_id, first?.number, source],
      );
    await insert('shopify:1', 'shopify');
    await expect(insert('shopify:2', 'shopify')).rejects.toThrow(/orders_source_number/);
    await expect(insert('own:2', 'caredesk')).rejects.toThrow(/orders_source_number/);
    const rows = await db.query<{ source: string }>('select source from orders where number = $1 order by source', [
      first?.number,
    ]);
    expect(rows.map((row) => row.source)).toEqual(['caredesk', 'shopify']);
  });
});
