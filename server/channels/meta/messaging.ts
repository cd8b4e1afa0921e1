import { z } from 'zod';
import type { InboundEvent, MediaReference, StatusEvent, WebhookOutcome } from '../event';
import { epochMs } from '../payload';

const Attachment = z.object({
  type: z.string(),
  payload: z.object({ url: z.string().optional() }).nullish(),
});

/** One element of `entry[].messaging[]` on a Page (Messenger) or an Instagram professional account. */
export const MessagingEvent = z.looseObject({
  sender: z.object({ id: z.string().min(1) }),
  recipient: z.object({ id: z.string().min(1) }),
  timestamp: z.number().optional(),
  message: z
    .object({
      mid: z.string().min(1),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      attachments: z.array(Attachment).optional(),
    })
    .optional(),
  delivery: z.object({ mids: z.array(z.string()).optional() }).optional(),
});
type MessagingEvent = z.infer<typeof MessagingEvent>;

/** Messenger names a kind of attachment, not its exact type. */
const ATTACHMENT_TYPES: Record<string, string> = {
  image: 'image/*',
  video: 'video/*',
  audio: 'audio/*',
  file: 'application/octet-stream',
};

function attachment(item: z.infer<typeof Attachment>): MediaReference {
  return {
    url: item.payload?.url ?? null,
    providerMediaId: null,
    contentType: ATTACHMENT_TYPES[item.type] ?? 'application/octet-stream',
    size: null,
    filename: null,
  };
}

/** Messenger and Instagram DMs: messages become events, delivered mids statuses; echoes of our own sends are skipped. */
export function parseMessaging(channel: 'messenger' | 'instagram', events: readonly MessagingEvent[]): WebhookOutcome {
  const messages: InboundEvent[] = [];
  const statuses: StatusEvent[] = [];
  const ignored: string[] = [];
  for (const event of events) {
    const message = event.message;
    if (message && !message.is_echo) {
      messages.push({
        channel,
        account: event.recipient.id,
        sender: { id: event.sender.id, handle: null, name: null },
        sentAt: epochMs(event.timestamp, 'milliseconds'),
        body: message.text ?? '',
        media: (message.attachments ?? []).map(attachment),
        thread: {},
        kind: 'direct',
        providerMessageId: message.mid,
        subject: null,
      });
    } else if (message) {
      ignored.push(`${channel} echo of ${message.mid}`);
    } else if (event.delivery?.mids) {
      for (const mid of event.delivery.mids)
        statuses.push({ channel, providerMessageId: mid, status: 'delivered', at: null, error: null });
    } else {
      const kind = Object.keys(event).find((key) => !['sender', 'recipient', 'timestamp'].includes(key));
      ignored.push(`${channel} event "${kind ?? 'empty'}"`);
    }
  }
  return { messages, statuses, ignored };
}
