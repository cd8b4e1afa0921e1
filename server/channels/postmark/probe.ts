import type { AccountProbe } from '../probe';
import { apiUrl, field, stringOrNull } from '../outbound';

/**
 * Postmark's Server API (`GET /server`, `X-Postmark-Server-Token`): `{ ID, Name, … }`, or
 * `{ ErrorCode, Message }` (10: no or a wrong token, with 401).
 */
export const postmarkProbe: AccountProbe = {
  provider: 'Postmark',
  carries: (channel) => channel === 'email',
  settings: { POSTMARK_SERVER_TOKEN: 'postmarkServerToken' },
  credentials: 'server token',
  request: (_channel, _account, config) => ({
    url: apiUrl(config.postmarkApiUrl, '/server'),
    headers: { 'x-postmark-server-token': config.postmarkServerToken ?? '', accept: 'application/json' },
  }),
  answered: (body) => ({ ok: true, words: `server "${stringOrNull(field(body, 'Name')) ?? '?'}"` }),
  errorWords: (body) => stringOrNull(field(body, 'Message')),
  refusesCredentials: (_status, body) => stringOrNull(field(body, 'ErrorCode')) === '10',
};
