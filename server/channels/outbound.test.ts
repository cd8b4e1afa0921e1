import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND, outboundConfigFromEnv } from './outbound';

describe('send APIs from the environment', () => {
  it('reads the email providers’ keys, From addresses and base URLs, an empty variable as unset', () => {
    const config = outboundConfigFromEnv({
      POSTMARK_SERVER_TOKEN: 'pm-token',
      POSTMARK_FROM: '',
      SENDGRID_API_KEY: 'SG.key',
      SENDGRID_FROM: 'help@acme.example',
      SENDGRID_API_URL: 'http://127.0.0.1:9000/sendgrid',
    });
    expect(config).toMatchObject({
      postmarkApiUrl: 'https://api.postmarkapp.com',
      postmarkServerToken: 'pm-token',
      postmarkFrom: undefined,
      sendgridApiUrl: 'http://127.0.0.1:9000/sendgrid',
      sendgridApiKey: 'SG.key',
      sendgridFrom: 'help@acme.example',
    });
  });

  it('defaults SendGrid to its real host, with no key and no From', () => {
    const config = outboundConfigFromEnv({});
    expect(config.sendgridApiUrl).toBe('https://api.sendgrid.com');
    expect(DEFAULT_OUTBOUND.sendgridApiUrl).toBe('https://api.sendgrid.com');
    expect(config.sendgridApiKey).toBeUndefined();
    expect(config.sendgridFrom).toBeUndefined();
  });
});
