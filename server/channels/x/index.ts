import { jsonPayload } from '../payload';
import type { ChannelProvider } from '../provider';
import { missingSecrets } from '../provider';
import { bodyHmacVerdict, hmac } from '../signature';
import { parseX, XDelivery } from './parse';

const PATH = '/webhooks/x';

const BODY_LIMIT = 1024 * 1024;

/** X's challenge-response answer: the token signed with the consumer secret, base64. */
export function crcResponseToken(consumerSecret: string, crcToken: string): string {
  return `sha256=${hmac('sha256', consumerSecret, Buffer.from(crcToken, 'utf8'), 'base64')}`;
}

/** X Account Activity: direct messages and mentions of the brand's account. */
export const x: ChannelProvider = {
  name: 'x',
  unconfigured: (secrets) => missingSecrets(secrets, { X_CONSUMER_SECRET: 'xConsumerSecret' }),
  routes: [
    {
      method: 'GET',
      path: PATH,
      answer: (request, secrets) => {
        const token = request.query.get('crc_token');
        if (!token) return { status: 400, contentType: 'text/plain; charset=utf-8', body: 'crc_token is missing.' };
        const body = JSON.stringify({ response_token: crcResponseToken(secrets.xConsumerSecret ?? '', token) });
        return { status: 200, contentType: 'application/json; charset=utf-8', body };
      },
    },
    {
      method: 'POST',
      path: PATH,
      bodyLimit: BODY_LIMIT,
      verify: (request, secrets) =>
        bodyHmacVerdict(
          request.raw,
          request.headers,
          'x-twitter-webhooks-signature',
          secrets.xConsumerSecret ?? '',
          'base64',
        ),
      parse: (body) => parseX(jsonPayload(body, XDelivery, 'X')),
      ack: { status: 200 },
    },
  ],
};
