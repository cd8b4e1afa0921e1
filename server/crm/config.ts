import type { ShopifyConfig } from './shopify/client';

/** The connected records and how fresh their purchase history is kept (`server/README.md`). */
export interface CrmConfig {
  shopify?: ShopifyConfig;
  /** The app's client secret Shopify signs its webhooks with (`X-Shopify-Hmac-Sha256`). */
  shopifyWebhookSecret?: string;
  refreshMs?: number;
}

/**
 * `SHOPIFY_SHOP_URL` with `SHOPIFY_ACCESS_TOKEN` (both or neither), `SHOPIFY_API_VERSION`, `SHOPIFY_WEBHOOK_SECRET`,
 * `CAREDESK_CRM_REFRESH_SECONDS` (60–86400, default 900). A bad value throws: the server does not start.
 */
export function crmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CrmConfig {
  const shopUrl = env.SHOPIFY_SHOP_URL || undefined;
  const accessToken = env.SHOPIFY_ACCESS_TOKEN || undefined;
  if (Boolean(shopUrl) !== Boolean(accessToken))
    throw new Error('Set SHOPIFY_SHOP_URL and SHOPIFY_ACCESS_TOKEN together (the store and its Admin API token).');
  if (shopUrl && !/^https?:\/\/[^\s/]+/.test(shopUrl))
    throw new Error(
      `SHOPIFY_SHOP_URL must be the store's address, e.g. https://example.myshopify.com; got "${shopUrl}".`,
    );
  const apiVersion = env.SHOPIFY_API_VERSION || undefined;
  if (apiVersion && !/^\d{4}-\d{2}$/.test(apiVersion))
    throw new Error(`SHOPIFY_API_VERSION must look like 2025-10; got "${apiVersion}".`);
  const refresh = env.CAREDESK_CRM_REFRESH_SECONDS;
  const refreshSeconds = refresh ? Number(refresh) : undefined;
  if (
    refreshSeconds !== undefined &&
    (!Number.isFinite(refreshSeconds) || refreshSeconds < 60 || refreshSeconds > 86_400)
  )
    throw new Error(`CAREDESK_CRM_REFRESH_SECONDS must be 60 to 86400; got "${refresh}".`);
  const webhookSecret = env.SHOPIFY_WEBHOOK_SECRET || undefined;
  return {
    ...(webhookSecret ? { shopifyWebhookSecret: webhookSecret } : {}),
    ...(shopUrl && accessToken ? { shopify: { shopUrl, accessToken, ...(apiVersion ? { apiVersion } : {}) } } : {}),
    ...(refreshSeconds !== undefined ? { refreshMs: refreshSeconds * 1_000 } : {}),
  };
}
