import type { Channel } from '../../../shared/domain/channels';
import type { InboundEvent, MediaReference, StatusEvent, WebhookOutcome } from '../event';
import { outcome } from '../event';
import { MalformedPayload } from '../provider';

/** Twilio's form parameters by name (the first value of a repeated one). */
export type TwilioParams = ReadonlyMap<string, string>;

const ADDRESS_PREFIX = /^[a-z]+:/i;

function required(params: TwilioParams, name: string): string {
  const value = params.get(name)?.trim();
  if (!value) throw new MalformedPayload(`The Twilio webhook has no ${name}.`);
  return value;
}

/**
 * An inbound SMS, MMS or WhatsApp message: one event, its media by the URLs Twilio serves them at.
 * A sender written `whatsapp:+…` is on WhatsApp whichever of the two routes Twilio was pointed at.
 */
export function parseTwilioMessage(params: TwilioParams, route: Channel): WebhookOutcome {
  const from = required(params, 'From');
  const channel: Channel = /^whatsapp:/i.test(from) ? 'whatsapp' : route;
  const count = Number(params.get('NumMedia') ?? '0');
  if (!Number.isInteger(count) || count < 0 || count > 10)
    throw new MalformedPayload(`The Twilio webhook's NumMedia "${params.get('NumMedia')}" is not 0 to 10.`);
  const media: MediaReference[] = [];
  for (let index = 0; index < count; index++) {
    media.push({
      url: required(params, `MediaUrl${index}`),
      providerMediaId: null,
      contentType: params.get(`MediaContentType${index}`) ?? 'application/octet-stream',
      size: null,
      filename: null,
    });
  }
  const event: InboundEvent = {
    channel,
    account: required(params, 'To').replace(ADDRESS_PREFIX, ''),
    sender: { id: from, handle: null, name: params.get('ProfileName')?.trim() || null },
    sentAt: null,
    body: params.get('Body') ?? '',
    media,
    thread: {},
    kind: 'direct',
    providerMessageId: required(params, 'MessageSid'),
    subject: null,
  };
  return outcome({ messages: [event] });
}

const STATUSES: Record<string, StatusEvent['status']> = {
  accepted: 'pending',
  scheduled: 'pending',
  queued: 'pending',
  sending: 'pending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
};

/** A status callback on a message Caredesk sent: WhatsApp when its addresses say so, else SMS. */
export function parseTwilioStatus(params: TwilioParams): WebhookOutcome {
  const sid = required(params, 'MessageSid');
  const reported = required(params, 'MessageStatus');
  const status = STATUSES[reported];
  if (!status) return outcome({ ignored: [`Twilio status "${reported}" of ${sid}`] });
  const whatsapp = params.get('ChannelPrefix') === 'whatsapp' || /^whatsapp:/i.test(params.get('To') ?? '');
  const code = params.get('ErrorCode');
  return outcome({
    statuses: [
      {
        channel: whatsapp ? 'whatsapp' : 'sms',
        providerMessageId: sid,
        status,
        at: null,
        error:
          status === 'failed'
            ? { code: code ?? 'unknown', text: params.get('ErrorMessage') ?? `Twilio reported ${reported}` }
            : null,
      },
    ],
  });
}
