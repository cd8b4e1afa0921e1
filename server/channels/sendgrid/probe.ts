import type { AccountProbe } from '../probe';
import { apiUrl, field } from '../outbound';
import { sendgridErrorWords } from './send';

/**
 * SendGrid's API key permissions (`GET /v3/scopes`, `Authorization: Bearer <API key>`):
 * `{ scopes: [...] }`, which must hold `mail.send` for replies to go; or `{ errors: [{ message }] }`
 * (401 for no or a wrong key).
 */
export const sendgridProbe: AccountProbe = {
  provider: 'SendGrid',
  carries: (channel) => channel === 'email',
  settings: { SENDGRID_API_KEY: 'sendgridApiKey' },
  credentials: 'API key',
  request: (_channel, _account, config) => ({
    url: apiUrl(config.sendgridApiUrl, '/v3/scopes'),
    headers: { authorization: `Bearer ${config.sendgridApiKey ?? ''}`, accept: 'application/json' },
  }),
  answered: (body) => {
    const scopes = field(body, 'scopes');
    return Array.isArray(scopes) && scopes.includes('mail.send')
      ? { ok: true, words: 'the API key may send mail' }
      : { ok: false, words: 'the API key lacks the mail.send permission' };
  },
  errorWords: sendgridErrorWords,
};
