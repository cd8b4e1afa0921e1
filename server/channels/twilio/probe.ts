import type { AccountProbe } from '../probe';
import { apiUrl, field, stringOrNull } from '../outbound';
import { twilioSender } from './send';

/**
 * Twilio's Account resource (`GET /2010-04-01/Accounts/{sid}.json`, HTTP Basic
 * `AccountSid:AuthToken`): answers `{ sid, friendly_name, status: "active" | "suspended" | "closed" }`,
 * or `{ code, message, more_info, status }` (20003 "Authenticate" with 401).
 */
export const twilioProbe: AccountProbe = {
  provider: 'Twilio',
  carries: (channel, account) => twilioSender.carries(channel, account),
  settings: { TWILIO_ACCOUNT_SID: 'twilioAccountSid', TWILIO_AUTH_TOKEN: 'twilioAuthToken' },
  credentials: 'account SID or auth token',
  request: (_channel, _account, config) => {
    const sid = config.twilioAccountSid ?? '';
    return {
      url: apiUrl(config.twilioApiUrl, `/2010-04-01/Accounts/${encodeURIComponent(sid)}.json`),
      headers: {
        authorization: `Basic ${Buffer.from(`${sid}:${config.twilioAuthToken ?? ''}`).toString('base64')}`,
        accept: 'application/json',
      },
    };
  },
  answered: (body) => {
    const status = stringOrNull(field(body, 'status')) ?? 'unknown';
    return { ok: status === 'active', words: `account ${status}` };
  },
  errorWords: (body) => stringOrNull(field(body, 'message')),
};
