import { describe, expect, it } from 'vitest';
import { channelSecretsFromEnv } from './config';

describe('webhook secrets from the environment', () => {
  it('reads each variable, an empty one as unset', () => {
    expect(
      channelSecretsFromEnv({
        CAREDESK_PUBLIC_URL: 'https://care.example.com',
        TWILIO_AUTH_TOKEN: 'token',
        META_APP_SECRET: '',
        X_CONSUMER_SECRET: 'consumer',
        SENDGRID_INBOUND_USER: 'sendgrid',
        SENDGRID_INBOUND_PASSWORD: 'secret',
      }),
    ).toEqual({
      publicUrl: 'https://care.example.com',
      twilioAuthToken: 'token',
      metaAppSecret: undefined,
      metaVerifyToken: undefined,
      xConsumerSecret: 'consumer',
      postmarkUser: undefined,
      postmarkPassword: undefined,
      sendgridUser: 'sendgrid',
      sendgridPassword: 'secret',
    });
  });

  it('refuses a public URL that is not an http(s) address', () => {
    expect(() => channelSecretsFromEnv({ CAREDESK_PUBLIC_URL: 'care.example.com' })).toThrow(
      'CAREDESK_PUBLIC_URL must be the http(s) address providers call, got "care.example.com".',
    );
  });
});
