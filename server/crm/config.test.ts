import { describe, expect, it } from 'vitest';
import { crmConfigFromEnv } from './config';

describe('crmConfigFromEnv', () => {
  it('connects Shopify with its store and token, and reads the refresh policy', () => {
    expect(crmConfigFromEnv({})).toEqual({});
    expect(
      crmConfigFromEnv({
        SHOPIFY_SHOP_URL: 'https://jsmith.myshopify.com',
        SHOPIFY_ACCESS_TOKEN: 'shpat_x',
        SHOPIFY_API_VERSION: '2026-01',
        CAREDESK_CRM_REFRESH_SECONDS: '300',
        SHOPIFY_WEBHOOK_SECRET: 'shopify_client_secret',
      }),
    ).toEqual({
      shopifyWebhookSecret: 'shopify_client_secret',
      shopify: { shopUrl: 'https://jsmith.myshopify.com', accessToken: 'shpat_x', apiVersion: '2026-01' },
      refreshMs: 300_000,
    });
  });

  it('refuses half a configuration and values it cannot use, saying which', () => {
    expect(() => crmConfigFromEnv({ SHOPIFY_SHOP_URL: 'https://jsmith.myshopify.com' })).toThrow(
      'Set SHOPIFY_SHOP_URL and SHOPIFY_ACCESS_TOKEN together',
    );
    expect(() => crmConfigFromEnv({ SHOPIFY_SHOP_URL: 'jsmith.myshopify.com', SHOPIFY_ACCESS_TOKEN: 'x' })).toThrow(
      /SHOPIFY_SHOP_URL must be the store's address/,
    );
    expect(() =>
      crmConfigFromEnv({
        SHOPIFY_SHOP_URL: 'https://a.myshopify.com',
        SHOPIFY_ACCESS_TOKEN: 'x',
        SHOPIFY_API_VERSION: 'latest',
      }),
    ).toThrow('SHOPIFY_API_VERSION must look like 2025-10; got "latest".');
    expect(() => crmConfigFromEnv({ CAREDESK_CRM_REFRESH_SECONDS: '5' })).toThrow(
      'CAREDESK_CRM_REFRESH_SECONDS must be 60 to 86400; got "5".',
    );
  });
});
