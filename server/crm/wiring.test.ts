import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCrmLink } from '../db/crm-links';
import { listOrders } from '../db/customers';
import { lookupHandlers } from '../socket/lookups';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';
import { findUserByEmail } from '../db/accounts';
import { startShopifyDouble } from './shopify/testing';
import type { ShopifyDouble } from './shopify/testing';

describe('a server with Shopify connected', () => {
  let shopify: ShopifyDouble;
  let server: TestServer;

  beforeAll(async () => {
    shopify = await startShopifyDouble();
    server = await startTestServer({
      demoConversations: 0,
      crm: { shopify: { shopUrl: shopify.url, accessToken: shopify.token } },
    });
  });
  afterAll(async () => {
    await server?.close();
    await shopify?.close();
  });

  it('fetches the purchase history of a texter it has never seen, after storing the message', async () => {
    const { token } = await server.signIn('lead01@northwind.example');
    const response = await fetch(new URL('/api/inbound', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'sms', from: '(613) 612-0707', body: 'Where is #1001?' }),
    });
    expect(response.status).toBe(201);
    const { conversationId } = (await response.json()) as { conversationId: string };
    await server.crmIdle();
    const rows = await server.sql.query<{ customer_id: string }>(
      'select customer_id from conversations where id = $1',
      [conversationId],
    );
    const customerId = rows[0]?.customer_id ?? '';
    expect((await listOrders(server.sql, customerId)).map((order) => order.number)).toEqual(['#1001']);
    const changes = await server.sql.query<{ kind: string }>(
      "select kind from changes where kind = 'order' and entity_id = 'shopify:450789469'",
    );
    expect(changes).toHaveLength(1);

    // Opening the customer asks again once the history is stale (here: never, it was just fetched).
    const asked: string[] = [];
    const lead = (await findUserByEmail(server.sql, 'lead01@northwind.example'))?.user;
    if (!lead) throw new Error('no demo lead');
    const record = await lookupHandlers(server.sql, (id) => asked.push(id)).customer(lead, { customerId });
    expect(asked).toEqual([customerId]);
    // The panel is told which Shopify customer this is, and how fresh its orders are.
    expect(record.connected).toEqual([
      {
        source: 'shopify',
        externalId: 'gid://shopify/Customer/207119551',
        matchedBy: 'phone +16136120707',
        fetchedAt: expect.any(Number) as unknown,
        error: null,
        checkedAt: expect.any(Number) as unknown,
      },
    ]);
    expect((await getCrmLink(server.sql, customerId, 'shopify'))?.externalId).toBe('gid://shopify/Customer/207119551');
  });
});
