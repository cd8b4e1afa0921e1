import { z } from 'zod';
import { hmac, sameText } from '../../channels/signature';

// Shopify's webhooks for the orders Caredesk shows (channels reference §5.3): `X-Shopify-Hmac-Sha256`
// is the base64 HMAC-SHA256 of the raw body with the app's client secret. Caredesk reads only which
// order changed and fetches the customer's history again, so every topic shares one route.

/** The topics that change an order Caredesk shows; others are acknowledged and ignored. */
export const SHOPIFY_ORDER_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/paid',
  'orders/edited',
  'fulfillments/create',
  'fulfillments/update',
  'refunds/create',
  'returns/request',
  'returns/approve',
  'returns/close',
  'returns/decline',
  'returns/cancel',
] as const;

/** Whether the header is the body's signature with `secret`, compared in constant time. */
export function shopifySignatureMatches(raw: Buffer, secret: string, received: string | undefined): boolean {
  return received !== undefined && received !== '' && sameText(hmac('sha256', secret, raw, 'base64'), received);
}

const NumericId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);

/**
 * The order a delivery is about: an order topic's own `id`, a fulfillment's or refund's `order_id`,
 * a return's `order.id` (REST shapes). Null when the payload names none.
 */
export function orderIdOfDelivery(topic: string, payload: unknown): string | null {
  const schema = topic.startsWith('orders/')
    ? z.object({ id: NumericId }).transform((p) => p.id)
    : topic.startsWith('returns/')
      ? z.object({ order: z.object({ id: NumericId }) }).transform((p) => p.order.id)
      : z.object({ order_id: NumericId }).transform((p) => p.order_id);
  const parsed = schema.safeParse(payload);
  return parsed.success ? `shopify:${parsed.data}` : null;
}
