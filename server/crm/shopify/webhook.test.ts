import { describe, expect, it } from 'vitest';
import { orderIdOfDelivery, shopifySignatureMatches } from './webhook';

// The documented test vector (channels reference §5.3).
const BODY = Buffer.from(
  '{"id":450789469,"admin_graphql_api_id":"gid://shopify/Order/450789469","name":"#1001","email":"bob.norman@mail.example.com"}',
);
const SECRET = 'test_shopify_client_secret';
const SIGNATURE = 'HNr3HY8+3WIGUvz4/h9vm8JG3cl5urbrNRb44VV+Nho=';

describe('Shopify webhooks', () => {
  it('accept the documented signature over the raw body, and nothing else', () => {
    expect(shopifySignatureMatches(BODY, SECRET, SIGNATURE)).toBe(true);
    expect(shopifySignatureMatches(BODY, 'another_secret', SIGNATURE)).toBe(false);
    expect(shopifySignatureMatches(Buffer.from(BODY.toString().replace('1001', '1002')), SECRET, SIGNATURE)).toBe(
      false,
    );
    expect(shopifySignatureMatches(BODY, SECRET, undefined)).toBe(false);
    expect(shopifySignatureMatches(BODY, SECRET, '')).toBe(false);
  });

  it('read which order a delivery is about, per topic', () => {
    expect(orderIdOfDelivery('orders/updated', JSON.parse(BODY.toString()))).toBe('shopify:450789469');
    expect(orderIdOfDelivery('fulfillments/update', { id: 255858046, order_id: 450789469 })).toBe('shopify:450789469');
    expect(orderIdOfDelivery('refunds/create', { id: 509562969, order_id: '450789469' })).toBe('shopify:450789469');
    expect(orderIdOfDelivery('returns/approve', { id: 945000954, order: { id: 450789469 } })).toBe('shopify:450789469');
    expect(orderIdOfDelivery('orders/updated', { name: '#1001' })).toBeNull();
    expect(orderIdOfDelivery('refunds/create', 'not an object')).toBeNull();
  });
});
