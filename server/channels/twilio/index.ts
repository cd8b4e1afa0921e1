import type { Channel } from '../../../shared/domain/channels';
import type { ParsedBody } from '../../http/body';
import { parseForm } from '../../http/body';
import type { ChannelProvider, ChannelSecrets, DeliveryRoute, Verdict, WebhookRequest } from '../provider';
import { MalformedPayload, missingSecrets } from '../provider';
import { header } from '../signature';
import { parseTwilioMessage, parseTwilioStatus } from './parse';
import type { TwilioParams } from './parse';
import { verifyTwilio } from './signature';

/** An SMS is at most 1,600 characters; ten media URLs and Twilio's other parameters fit well within this. */
const BODY_LIMIT = 64 * 1024;

/** The empty TwiML answer: Caredesk replies later through the API, and Twilio logs no warning for it. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

function verify(request: WebhookRequest, secrets: ChannelSecrets): Verdict {
  const base = (secrets.publicUrl ?? '').replace(/\/+$/, '');
  return verifyTwilio(
    secrets.twilioAuthToken ?? '',
    base + request.path + request.search,
    parseForm(request.raw),
    header(request.headers, 'x-twilio-signature'),
  );
}

function params(body: ParsedBody): TwilioParams {
  if (body.kind !== 'form') throw new MalformedPayload('A Twilio webhook is a URL-encoded form.');
  const map = new Map<string, string>();
  for (const [name, value] of body.fields) if (!map.has(name)) map.set(name, value);
  return map;
}

function messageRoute(path: string, channel: Channel): DeliveryRoute {
  return {
    method: 'POST',
    path,
    bodyLimit: BODY_LIMIT,
    verify,
    parse: (body) => parseTwilioMessage(params(body), channel),
    ack: { status: 200, contentType: 'text/xml; charset=utf-8', body: EMPTY_TWIML },
  };
}

/** Twilio Programmable Messaging: SMS and MMS, WhatsApp through Twilio, and their status callbacks. */
export const twilio: ChannelProvider = {
  name: 'twilio',
  unconfigured: (secrets) =>
    missingSecrets(secrets, { CAREDESK_PUBLIC_URL: 'publicUrl', TWILIO_AUTH_TOKEN: 'twilioAuthToken' }),
  routes: [
    messageRoute('/webhooks/twilio/sms', 'sms'),
    messageRoute('/webhooks/twilio/whatsapp', 'whatsapp'),
    {
      method: 'POST',
      path: '/webhooks/twilio/status',
      bodyLimit: BODY_LIMIT,
      verify,
      parse: (body) => parseTwilioStatus(params(body)),
      ack: { status: 204 },
    },
  ],
};
