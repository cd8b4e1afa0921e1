import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import { databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';
import { migrations } from './index';

/** The version before this one (numbers need not be consecutive). */
const PREVIOUS = Math.max(...migrations.map((m) => m.version).filter((version) => version < 22));

describe.each(testBackends)('migration 022 store_writes on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('adds an empty queue, one row per action, gone with its order', async () => {
    const db = database();
    await insertVersion1Rows(db);
    await migrateTo(db, PREVIOUS);
    const before = await snapshot(db);
    expect(await migrateTo(db, 22)).toEqual([22]);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.query('select id from store_writes')).toEqual([]);

    const order = (before.orders?.[0] ?? {}) as { id: string; customer_id: string };
    const conversation = (before.conversations?.find(
      (row) => (row as { customer_id: string }).customer_id === order.customer_id,
    ) ?? before.conversations?.[0]) as { id: string };
    const user = (before.users?.[0] ?? {}) as { id: string };
    const insert = () =>
      db.query(
        `insert into store_writes (id, order_id, conversation_id, actor_id, source, change, before, state, next_attempt_at, created_at)
         values ('action-1', $1, $2, $3, 'shopify', '{}'::jsonb, '{}'::jsonb, 'queued', 1, 1)`,
        [order.id, conversation.id, user.id],
      );
    await insert();
    await expect(insert()).rejects.toThrow(/store_writes_pkey/);
    await db.query('delete from orders where id = $1', [order.id]);
    expect(await db.query('select id from store_writes')).toEqual([]);
  });
});
