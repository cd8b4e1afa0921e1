// Deletions travel like any other change: what the server removes leaves every engine that held it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/services/api/engine';
import { getCustomer } from '../../electron/services/db/conversations';
import { nextEvent } from '../../electron/services/testing/events';
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

/** Two Orders & Delivery conversations of different customers, each customer with no other conversation. */
async function twoCustomers(): Promise<{ source: string; sourceCustomer: string; targetCustomer: string }> {
  const rows = await server.sql.query<{ id: string; customer_id: string }>(
    `select c.id, c.customer_id from conversations c
     where c.team_id = 'team-orders'
       and (select count(*) from conversations o where o.customer_id = c.customer_id) = 1
     order by c.id limit 2`,
  );
  const [source, target] = rows;
  if (!source || !target) throw new Error('the demo has no two Orders & Delivery customers with one conversation each');
  return { source: source.id, sourceCustomer: source.customer_id, targetCustomer: target.customer_id };
}

describe('deletions ↔ engines', () => {
  it('after a lead links two customers, another rep’s engine no longer holds the merged-away one', async () => {
    const lead = await signedIn(LEAD);
    const rep = await signedIn(REP02);
    const { source, sourceCustomer, targetCustomer } = await twoCustomers();
    const held = getCustomer(rep.db, sourceCustomer);
    expect(held?.id).toBe(sourceCustomer);
    const movedIdentities = (held?.identities ?? []).map((identity) => identity.id);
    expect(movedIdentities.length).toBeGreaterThan(0);

    const seen = nextEvent(rep, 'inbox:changed', (e) => e.conversationIds.includes(source));
    await lead.handlers['conversation:act']({ type: 'link', conversationId: source, customerId: targetCustomer });
    await settled(lead);
    await seen;
    await settled(rep);

    // The rep's cache: the merged-away customer is gone; its conversation and identities are the target's.
    for (const engine of [rep, lead]) {
      expect(getCustomer(engine.db, sourceCustomer)).toBeNull();
      const target = getCustomer(engine.db, targetCustomer);
      expect(target?.identities.map((identity) => identity.id)).toEqual(expect.arrayContaining(movedIdentities));
      const view = await engine.handlers['inbox:get']({ conversationId: source });
      expect(view.customer.id).toBe(targetCustomer);
      expect(view.conversation.customerName).toBe(target?.name);
    }
    // The server deleted it, and said so to the team that held it.
    expect(await server.sql.query('select 1 from customers where id = $1', [sourceCustomer])).toEqual([]);
    const deletes = await server.sql.query<{ team_id: string }>(
      `select team_id from changes where kind = 'delete' and entity_id = $1`,
      [sourceCustomer],
    );
    expect(deletes.map((row) => row.team_id)).toEqual(['team-orders']);
  });
});
