import { z } from 'zod';
import type { WebhookOutcome } from '../event';
import { outcome } from '../event';
import { jsonPayload, shaped } from '../payload';
import type { ChannelProvider, WebhookReply } from '../provider';
import { missingSecrets } from '../provider';
import { bodyHmacVerdict, sameText } from '../signature';
import { MessagingEvent, parseMessaging } from './messaging';
import { parseWhatsAppValue, WhatsAppValue } from './whatsapp';

const PATH = '/webhooks/meta';

/** Meta batches several entries per delivery; a megabyte leaves room for the biggest it sends. */
const BODY_LIMIT = 1024 * 1024;

const Envelope = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
      messaging: z.array(MessagingEvent).optional(),
    }),
  ),
});

const OBJECTS: Record<string, 'whatsapp' | 'messenger' | 'instagram'> = {
  whatsapp_business_account: 'whatsapp',
  page: 'messenger',
  instagram: 'instagram',
};

/** Every entry of a delivery, every change and messaging event in it, in order. */
function parseMeta(envelope: z.infer<typeof Envelope>): WebhookOutcome {
  const product = OBJECTS[envelope.object];
  if (!product) return outcome({ ignored: [`Meta object "${envelope.object}"`] });
  const all = outcome({});
  const add = (part: WebhookOutcome) => {
    all.messages.push(...part.messages);
    all.statuses.push(...part.statuses);
    all.ignored.push(...part.ignored);
  };
  for (const entry of envelope.entry) {
    for (const change of entry.changes ?? []) {
      if (product === 'whatsapp' && change.field === 'messages') {
        add(parseWhatsAppValue(shaped(change.value, WhatsAppValue, 'WhatsApp change')));
      } else {
        all.ignored.push(`Meta ${envelope.object} change "${change.field}"`);
      }
    }
    if (entry.messaging && product !== 'whatsapp') add(parseMessaging(product, entry.messaging));
  }
  return all;
}

const forbidden: WebhookReply = { status: 403, contentType: 'text/plain; charset=utf-8', body: 'Verification failed.' };

/** Meta: WhatsApp Cloud API, Messenger and Instagram messaging, one app and one endpoint. */
export const meta: ChannelProvider = {
  name: 'meta',
  unconfigured: (secrets) =>
    missingSecrets(secrets, { META_APP_SECRET: 'metaAppSecret', META_VERIFY_TOKEN: 'metaVerifyToken' }),
  routes: [
    {
      method: 'GET',
      path: PATH,
      // The subscription handshake: the challenge comes back as plain text when the token is ours.
      answer: (request, secrets) => {
        const challenge = request.query.get('hub.challenge');
        const token = request.query.get('hub.verify_token') ?? '';
        const ours = sameText(secrets.metaVerifyToken ?? '', token);
        if (request.query.get('hub.mode') !== 'subscribe' || !ours || !challenge) return forbidden;
        return { status: 200, contentType: 'text/plain; charset=utf-8', body: challenge };
      },
    },
    {
      method: 'POST',
      path: PATH,
      bodyLimit: BODY_LIMIT,
      verify: (request, secrets) =>
        bodyHmacVerdict(request.raw, request.headers, 'X-Hub-Signature-256', secrets.metaAppSecret ?? '', 'hex'),
      parse: (body) => parseMeta(jsonPayload(body, Envelope, 'Meta')),
      ack: { status: 200, contentType: 'text/plain; charset=utf-8', body: 'EVENT_RECEIVED' },
    },
  ],
};
