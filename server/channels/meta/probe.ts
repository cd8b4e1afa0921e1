import type { Channel } from '../../../shared/domain/channels';
import type { AccountProbe } from '../probe';
import { apiUrl, field, stringOrNull } from '../outbound';
import { metaSender } from './send';

/** What is read of each node: a WhatsApp phone number, a Facebook page, an Instagram account. */
const FIELDS: Partial<Record<Channel, string>> = {
  whatsapp: 'display_phone_number,verified_name',
  messenger: 'name',
  instagram: 'username',
};

/**
 * The Graph API node of the account (`GET /{version}/{id}?fields=…`, `Authorization: Bearer
 * META_ACCESS_TOKEN`), or `{ error: { message, type, code } }`: code 190 (an invalid or expired token)
 * or 102 (a session) refuses the token whatever the status (the Graph API answers 400 for it).
 */
export const metaProbe: AccountProbe = {
  provider: 'Meta',
  carries: (channel, account) => metaSender.carries(channel, account),
  settings: { META_ACCESS_TOKEN: 'metaAccessToken' },
  credentials: 'access token',
  request: (channel, account, config) => {
    const path = `/${config.metaGraphVersion}/${encodeURIComponent(account)}`;
    const query = new URLSearchParams({ fields: FIELDS[channel] ?? 'id' });
    return {
      url: `${apiUrl(config.metaGraphUrl, path)}?${query.toString()}`,
      headers: { authorization: `Bearer ${config.metaAccessToken ?? ''}`, accept: 'application/json' },
    };
  },
  answered: (body, channel) => {
    const text = (name: string) => stringOrNull(field(body, name)) ?? '?';
    if (channel === 'whatsapp') {
      return { ok: true, words: `WhatsApp number ${text('display_phone_number')} (${text('verified_name')})` };
    }
    return { ok: true, words: channel === 'instagram' ? `Instagram @${text('username')}` : `page "${text('name')}"` };
  },
  errorWords: (body) => stringOrNull(field(field(body, 'error'), 'message')),
  refusesCredentials: (_status, body) =>
    ['190', '102'].includes(stringOrNull(field(field(body, 'error'), 'code')) ?? ''),
};
