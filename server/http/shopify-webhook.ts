import type { IncomingMessage, ServerResponse } from 'node:http';
import { CaredeskError } from '../../shared/domain/errors';
import { header } from '../channels/signature';
import { orderIdOfDelivery, SHOPIFY_ORDER_TOPICS, shopifySignatureMatches } from '../crm/shopify/webhook';
import { orderCustomer } from '../db/crm-links';
import { parseJson, readRawBody, sendJson } from './json';
import type { HttpContext } from './routes';

export const SHOPIFY_WEBHOOK_PATH = '/webhooks/shopify';

const TOPICS: ReadonlySet<string> = new Set(SHOPIFY_ORDER_TOPICS);

/**
 * `POST /webhooks/shopify`: a signed delivery about an order Caredesk shows fetches its customer's
 * history again (in the background; Shopify is answered at once). Unsigned or wrongly signed: 401
 * or 403, nothing done; not configured: 404; a topic or order Caredesk does not show: 200, ignored.
 */
export async function shopifyWebhook(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readRawBody(req, 1_000_000);
  const secret = ctx.shopifyWebhookSecret;
  if (!secret)
    throw new CaredeskError(
      'not_found',
      'Shopify webhooks are not configured on this server (SHOPIFY_WEBHOOK_SECRET).',
    );
  const signature = header(req.headers, 'x-shopify-hmac-sha256');
  if (!signature) throw new CaredeskError('unauthorized', 'The Shopify signature is missing.');
  if (!shopifySignatureMatches(raw, secret, signature))
    throw new CaredeskError('forbidden', 'The Shopify signature does not match.');
  const topic = header(req.headers, 'x-shopify-topic') ?? '';
  if (!TOPICS.has(topic)) {
    ctx.log(`Webhook ${SHOPIFY_WEBHOOK_PATH}: acknowledged and ignored topic "${topic}"`);
    sendJson(res, 200, { ok: true });
    return;
  }
  const orderId = orderIdOfDelivery(topic, parseJson(raw));
  const customerId = orderId ? await orderCustomer(ctx.sql, orderId) : null;
  if (customerId) ctx.crmTouch(customerId, true);
  else ctx.log(`Webhook ${SHOPIFY_WEBHOOK_PATH}: ${topic} about an order Caredesk does not show, ignored`);
  sendJson(res, 200, { ok: true });
}
