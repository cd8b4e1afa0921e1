import { z } from 'zod';
import { attachment, emailDate, emailThread, mailbox } from '../email';
import type { WebhookOutcome } from '../event';
import { outcome } from '../event';
import { jsonPayload } from '../payload';
import type { ChannelProvider } from '../provider';
import { missingSecrets } from '../provider';
import { basicAuthVerdict } from '../signature';

/** Postmark takes mail of up to 35 MB, attachments base64-encoded in the JSON. */
const BODY_LIMIT = 50 * 1024 * 1024;

const PostmarkInbound = z.object({
  MessageID: z.string().min(1),
  From: z.string().min(1),
  FromName: z.string().optional(),
  FromFull: z.object({ Email: z.string().min(1), Name: z.string().optional() }).optional(),
  ToFull: z.array(z.object({ Email: z.string().min(1) })).optional(),
  OriginalRecipient: z.string().optional(),
  To: z.string().optional(),
  Subject: z.string().optional(),
  Date: z.string().optional(),
  TextBody: z.string().optional(),
  StrippedTextReply: z.string().optional(),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
  Attachments: z
    .array(z.object({ Name: z.string(), ContentType: z.string(), ContentLength: z.number().optional() }))
    .optional(),
});

/** One inbound email: the reply without its quoted history when Postmark found it, else the whole text. */
function parsePostmark(mail: z.infer<typeof PostmarkInbound>): WebhookOutcome {
  const headers = new Map((mail.Headers ?? []).map((item) => [item.Name.toLowerCase(), item.Value]));
  const from = mail.FromFull?.Email ?? mailbox(mail.From).address;
  const account = mail.OriginalRecipient || mail.ToFull?.[0]?.Email || mailbox(mail.To ?? '').address;
  return outcome({
    messages: [
      {
        channel: 'email',
        account,
        sender: { id: from, handle: null, name: mail.FromFull?.Name || mail.FromName || null },
        sentAt: emailDate(mail.Date),
        body: mail.StrippedTextReply || mail.TextBody || '',
        media: (mail.Attachments ?? []).map((file) =>
          attachment(file.Name, file.ContentType, file.ContentLength ?? null),
        ),
        thread: emailThread((name) => headers.get(name)),
        kind: 'direct',
        providerMessageId: mail.MessageID,
        subject: mail.Subject || null,
      },
    ],
  });
}

/** Postmark inbound: JSON, behind Basic credentials Postmark puts in the webhook URL. */
export const postmark: ChannelProvider = {
  name: 'postmark',
  unconfigured: (secrets) =>
    missingSecrets(secrets, { POSTMARK_INBOUND_USER: 'postmarkUser', POSTMARK_INBOUND_PASSWORD: 'postmarkPassword' }),
  routes: [
    {
      method: 'POST',
      path: '/webhooks/email/postmark',
      bodyLimit: BODY_LIMIT,
      verify: (request, secrets) =>
        basicAuthVerdict(request.headers, secrets.postmarkUser ?? '', secrets.postmarkPassword ?? ''),
      parse: (body) => parsePostmark(jsonPayload(body, PostmarkInbound, 'Postmark')),
      ack: { status: 200 },
    },
  ],
};
