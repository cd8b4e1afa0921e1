import { createHash } from 'node:crypto';
import type { ParsedBody } from '../../http/body';
import { attachment, emailDate, emailThread, headerBlock, mailbox } from '../email';
import type { WebhookOutcome } from '../event';
import { outcome } from '../event';
import type { ChannelProvider, WebhookRequest } from '../provider';
import { MalformedPayload, missingSecrets } from '../provider';
import { basicAuthVerdict } from '../signature';

/** SendGrid passes on mail of up to 30 MB. */
const BODY_LIMIT = 40 * 1024 * 1024;

function envelopeRecipient(text: string | undefined): string | null {
  if (!text) return null;
  try {
    const envelope = JSON.parse(text) as { to?: unknown };
    return Array.isArray(envelope.to) && typeof envelope.to[0] === 'string' ? envelope.to[0] : null;
  } catch {
    throw new MalformedPayload('The SendGrid envelope field is not JSON.');
  }
}

/**
 * One parsed email (SendGrid's default mode). Threading headers are only in the raw `headers`
 * block. A mail without a Message-ID is keyed by a hash of the delivery, so a redelivery is still stored once.
 */
function parseSendGrid(body: ParsedBody, request: WebhookRequest): WebhookOutcome {
  if (body.kind !== 'multipart') throw new MalformedPayload('A SendGrid Inbound Parse webhook is multipart form data.');
  const fields = new Map<string, string>();
  for (const [name, value] of body.fields) if (!fields.has(name)) fields.set(name, value);
  if (fields.has('email') && !fields.has('from'))
    throw new MalformedPayload(
      'SendGrid "Send Raw" mode is not read by Caredesk: turn it off in the Inbound Parse setting.',
    );
  const fromField = fields.get('from');
  if (!fromField) throw new MalformedPayload('The SendGrid webhook has no from field.');
  const from = mailbox(fromField);
  const headers = headerBlock(fields.get('headers') ?? '');
  const account = envelopeRecipient(fields.get('envelope')) ?? mailbox(fields.get('to') ?? '').address;
  const thread = emailThread(headers);
  return outcome({
    messages: [
      {
        channel: 'email',
        account,
        sender: { id: from.address, handle: null, name: from.name },
        sentAt: emailDate(headers('date')),
        body: fields.get('text') ?? '',
        media: body.files.map((file) => attachment(file.filename, file.contentType, file.size)),
        thread,
        kind: 'direct',
        providerMessageId: thread.messageId ?? `sha256:${createHash('sha256').update(request.raw).digest('hex')}`,
        subject: fields.get('subject') || null,
      },
    ],
  });
}

/**
 * SendGrid Inbound Parse: multipart, unsigned by SendGrid itself (its signed security policy is
 * optional and its headers are not documented for Parse), so Caredesk requires the Basic
 * credentials configured in the URL SendGrid calls: https://user:password@host/webhooks/email/sendgrid.
 */
export const sendgrid: ChannelProvider = {
  name: 'sendgrid',
  unconfigured: (secrets) =>
    missingSecrets(secrets, { SENDGRID_INBOUND_USER: 'sendgridUser', SENDGRID_INBOUND_PASSWORD: 'sendgridPassword' }),
  routes: [
    {
      method: 'POST',
      path: '/webhooks/email/sendgrid',
      bodyLimit: BODY_LIMIT,
      verify: (request, secrets) =>
        basicAuthVerdict(request.headers, secrets.sendgridUser ?? '', secrets.sendgridPassword ?? ''),
      parse: parseSendGrid,
      ack: { status: 200 },
    },
  ],
};
