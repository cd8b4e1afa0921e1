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
      crm: {
        shopify: { shopUrl: shopify.url, accessToken: shopify.token },
        shopifyWebhookSecret: 'test_shopify_client_secret',
      },
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
        matchedBy: 'phone +1 613 612 0707',
        fetchedAt: expect.any(Number) as unknown,
        error: null,
        checkedAt: expect.any(Number) as unknown,
      },
    ]);
    expect((await getCrmLink(server.sql, customerId, 'shopify'))?.externalId).toBe('gid://shopify/Customer/207119551');
  });

  it('fetches the history again when Shopify signs a delivery about the order, and refuses unsigned ones', async () => {
    // The documented delivery and its signature (channels reference §5.3).
    const body =
      '{"id":450789469,"admin_graphql_api_id":"gid://shopify/Order/450789469","name":"#1001","email":"bob.norman@mail.example.com"}';
    const deliver = (headers: Record<string, string>, text = body) =>
      fetch(new URL('/webhooks/shopify', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/updated', ...headers },
        body: text,
      });
    const signed = { 'x-shopify-hmac-sha256': 'HNr3HY8+3WIGUvz4/h9vm8JG3cl5urbrNRb44VV+Nho=' };
    const asked = () => shopify.requests.length;

    const before = asked();
    expect((await deliver({})).status).toBe(401);
    expect((await deliver({ 'x-shopify-hmac-sha256': 'AAAA' })).status).toBe(403);
    expect((await deliver(signed, body.replace('450789469,', '450789470,'))).status).toBe(403);
    await server.crmIdle();
    expect(asked()).toBe(before);

    // Delivered since, in Shopify: the signed delivery makes Caredesk fetch it though it is fresh.
    const fulfillment = (shopify.customers[0]?.orders.nodes[0] as { fulfillments: Record<string, unknown>[] })
      .fulfillments[0];
    Object.assign(fulfillment ?? {}, { displayStatus: 'DELIVERED', deliveredAt: '2025-01-06T15:00:00Z' });
    const response = await deliver(signed);
    expect(response.status).toBe(200);
    await server.crmIdle();
    expect(asked()).toBe(before + 1);
    const rows = await server.sql.query<{ doc: { shipments: { status: string }[] } }>(
      "select doc from orders where id = 'shopify:450789469'",
    );
    expect(rows[0]?.doc.shipments[0]?.status).toBe('delivered');
  });
});
