import { z } from 'zod';
import type { InboundEvent, MediaReference, StatusEvent, WebhookOutcome } from '../event';
import { epochMs } from '../payload';

const Media = z.object({
  id: z.string().min(1),
  mime_type: z.string().min(1),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

const WhatsAppMessage = z.object({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: Media.optional(),
  video: Media.optional(),
  audio: Media.optional(),
  document: Media.optional(),
  sticker: Media.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z
    .object({
      button_reply: z.object({ title: z.string() }).optional(),
      list_reply: z.object({ title: z.string() }).optional(),
    })
    .optional(),
});

const WhatsAppStatus = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.string().optional(),
  errors: z
    .array(
      z.object({
        code: z.union([z.number(), z.string()]),
        title: z.string().optional(),
        message: z.string().optional(),
      }),
    )
    .optional(),
});

export const WhatsAppValue = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1) }),
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
  messages: z.array(WhatsAppMessage).optional(),
  statuses: z.array(WhatsAppStatus).optional(),
});
type WhatsAppValue = z.infer<typeof WhatsAppValue>;
type WhatsAppMessage = z.infer<typeof WhatsAppMessage>;

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;

const STATUSES: Record<string, StatusEvent['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

/** What the person sent, in words and media; null for a type Caredesk does not read (a reaction, an order). */
function content(message: WhatsAppMessage): { body: string; media: MediaReference[] } | null {
  if (message.type === 'text' && message.text) return { body: message.text.body, media: [] };
  for (const type of MEDIA_TYPES) {
    const media = message[type];
    if (message.type === type && media) {
      const reference: MediaReference = {
        url: null,
        providerMediaId: media.id,
        contentType: media.mime_type,
        size: null,
        filename: media.filename ?? null,
      };
      return { body: media.caption ?? '', media: [reference] };
    }
  }
  if (message.type === 'location' && message.location) {
    const { latitude, longitude, name, address } = message.location;
    const place = [name, address].filter(Boolean).join(', ');
    return { body: `Location: ${place ? `${place} ` : ''}(${latitude}, ${longitude})`, media: [] };
  }
  if (message.type === 'button' && message.button) return { body: message.button.text, media: [] };
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (message.type === 'interactive' && reply) return { body: reply.title, media: [] };
  return null;
}

/** One `changes[].value` of a WhatsApp Business Account: its messages and its statuses. */
export function parseWhatsAppValue(value: WhatsAppValue): WebhookOutcome {
  const account = value.metadata.phone_number_id;
  const names = new Map((value.contacts ?? []).map((contact) => [contact.wa_id, contact.profile?.name ?? null]));
  const messages: InboundEvent[] = [];
  const ignored: string[] = [];
  for (const message of value.messages ?? []) {
    const read = content(message);
    if (!read) {
      ignored.push(`WhatsApp message type "${message.type}" (${message.id})`);
      continue;
    }
    messages.push({
      channel: 'whatsapp',
      account,
      sender: { id: message.from, handle: null, name: names.get(message.from) ?? null },
      sentAt: epochMs(message.timestamp, 'seconds'),
      ...read,
      thread: {},
      kind: 'direct',
      providerMessageId: message.id,
      subject: null,
    });
  }
  const statuses: StatusEvent[] = [];
  for (const report of value.statuses ?? []) {
    const status = STATUSES[report.status];
    if (!status) {
      ignored.push(`WhatsApp status "${report.status}" (${report.id})`);
      continue;
    }
    const error = report.errors?.[0];
    statuses.push({
      channel: 'whatsapp',
      providerMessageId: report.id,
      status,
      at: epochMs(report.timestamp, 'seconds'),
      error:
        status === 'failed'
          ? {
              code: String(error?.code ?? 'unknown'),
              text: error?.message ?? error?.title ?? 'WhatsApp reported failed',
            }
          : null,
    });
  }
  return { messages, statuses, ignored };
}
