// A merge and its undo, end to end: the server and every engine that holds the two customers end
// exactly as they were before the merge.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/services/api/engine';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, LEAD, settled, signedInEngine } from './support';

const REP02 = 'rep02@northwind.example'; // Orders & Delivery

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 30 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

const signedIn = (email: string): Promise<Engine> => signedInEngine(cleanups, server.url, email);

/** Two Orders & Delivery customers with orders, the first with one conversation there. */
async function twoCustomersWithOrders(): Promise<{ conversation: string; source: string; target: string }> {
  const rows = await server.sql.query<{ id: string; customer_id: string }>(
    `select c.id, c.customer_id from conversations c
     where c.team_id = 'team-orders'
       and (select count(*) from conversations o where o.customer_id = c.customer_id) = 1
       and exists (select 1 from orders o where o.customer_id = c.customer_id)
     order by c.id limit 2`,
  );
  const [source, target] = rows;
  if (!source || !target) throw new Error('the demo has no two Orders & Delivery customers with orders');
  return { conversation: source.id, source: source.customer_id, target: target.customer_id };
}

/** What the engine's cache holds of some customers: their rows, identities, orders and conversations. */
function cacheOf(engine: Engine, customerIds: string[]) {
  const ids = JSON.stringify(customerIds);
  const where = 'customer_id IN (SELECT value FROM json_each(?)) ORDER BY id';
  return {
    customers: engine.db
      .prepare('SELECT * FROM customers WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
      .all(ids),
    identities: engine.db.prepare(`SELECT * FROM identities WHERE ${where}`).all(ids),
    orders: engine.db.prepare(`SELECT * FROM orders WHERE ${where}`).all(ids),
    // server_seq only says which log row brought the copy; everything else must be as it was.
    conversations: (
      engine.db.prepare(`SELECT * FROM conversations WHERE ${where}`).all(ids) as Record<string, unknown>[]
    ).map(({ server_seq: _seq, ...row }) => row),
  };
}

/** What the server holds of them. */
async function serverRowsOf(customerIds: string[]) {
  const where = 'where customer_id = any($1::text[]) order by id';
  return {
    customers: await server.sql.query('select * from customers where id = any($1::text[]) order by id', [customerIds]),
    identities: await server.sql.query(`select * from identities ${where}`, [customerIds]),
    orders: await server.sql.query(`select * from orders ${where}`, [customerIds]),
    conversations: await server.sql.query(`select * from conversations ${where}`, [customerIds]),
  };
}

describe('merges ↔ engines', () => {
  it('a merge followed by its undo restores the exact prior state in the server and in a connected engine', async () => {
    const lead = await signedIn(LEAD);
    const rep = await signedIn(REP02);
    const { conversation, source, target } = await twoCustomersWithOrders();
    const both = [source, target];
    const serverBefore = await serverRowsOf(both);
    // Synced and triaged: the cache as it stands before the merge.
    await settled(rep);
    const repBefore = cacheOf(rep, both);
    expect(repBefore.customers).toHaveLength(2);
    expect(repBefore.orders.length).toBeGreaterThan(1);

    const preview = await lead.handlers['customers:merge-preview']({
      sourceCustomerId: source,
      targetCustomerId: target,
    });
    expect(preview.orderCount).toBe(serverBefore.orders.length);
    expect(preview.customer.identities).toHaveLength(serverBefore.identities.length);
    await expect(
      lead.handlers['customers:merge-preview']({ sourceCustomerId: source, targetCustomerId: source }),
    ).rejects.toMatchObject({ code: 'invalid_input' });

    const { actionId: mergeId } = await lead.handlers['conversation:act']({
      type: 'link',
      conversationId: conversation,
      customerId: target,
    });
    await settled(lead);
    await settled(rep);
    expect((await rep.handlers['inbox:get']({ conversationId: conversation })).customer.id).toBe(target);
    expect(cacheOf(rep, both).customers).toHaveLength(1);
    const opened = await lead.handlers['customers:get']({ customerId: target });
    expect(opened.record.merges).toEqual([
      expect.objectContaining({ id: mergeId, sourceCustomerId: source, undoneAt: null }),
    ]);

    await lead.handlers['conversation:act']({ type: 'undoMerge', conversationId: conversation, mergeId });
    await settled(lead);
    await settled(rep);

    expect(await serverRowsOf(both)).toEqual(serverBefore);
    expect(cacheOf(rep, both)).toEqual(repBefore);
    const view = await rep.handlers['inbox:get']({ conversationId: conversation });
    expect(view.customer.id).toBe(source);
    expect(await lead.handlers['outbox:rejected']({})).toEqual([]);
  });
});
