import type { AccountProbe } from '../probe';
import { apiUrl, field, stringOrNull } from '../outbound';

/**
 * X API v2 `GET /2/users/me` with the brand's user token: `{ data: { id, name, username } }`, or
 * problem details `{ title, detail, type, status }`. The token must be the account's own: replies
 * go out as whoever it belongs to.
 */
export const xProbe: AccountProbe = {
  provider: 'X',
  carries: (channel) => channel === 'x',
  settings: { X_USER_ACCESS_TOKEN: 'xUserToken' },
  credentials: 'user access token',
  request: (_channel, _account, config) => ({
    url: apiUrl(config.xApiUrl, '/2/users/me'),
    headers: { authorization: `Bearer ${config.xUserToken ?? ''}`, accept: 'application/json' },
  }),
  answered: (body, _channel, account) => {
    const data = field(body, 'data');
    const id = stringOrNull(field(data, 'id'));
    const handle = `@${stringOrNull(field(data, 'username')) ?? '?'}`;
    if (id !== account) {
      return { ok: false, words: `the token is ${handle}'s (user id ${id ?? '?'}), not account ${account}'s` };
    }
    return { ok: true, words: `${handle}, user id ${id}` };
  },
  errorWords: (body) => stringOrNull(field(body, 'detail')) ?? stringOrNull(field(body, 'title')),
};
