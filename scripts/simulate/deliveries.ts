// Signed provider deliveries, built as each provider sends them (wire formats: ../shared/reference/channels.md).
import { randomBytes } from 'node:crypto';
import type { ChannelSecrets } from '../../server/channels/provider';
import { hmac } from '../../server/channels/signature';
import { twilioSignature } from '../../server/channels/twilio/signature';

/** The brand's own accounts on each provider, as the simulated deliveries address them. */
export const BRAND = {
  phone: '+14155550100',
  whatsappPhoneNumberId: '106540352242922',
  pageId: '112233445566778',
  xUserId: '1500000000000000001',
  email: 'care@northwind.example',
} as const;

export const KINDS = [
  'twilio-sms',
  'twilio-whatsapp',
  'meta-whatsapp',
  'meta-messenger',
  'x-dm',
  'postmark',
  'twilio-status',
] as const;
export type DeliveryKind = (typeof KINDS)[number];

/** Who writes: one simulated customer, keyed the way each provider keys them. */
export interface Person {
  name: string;
  phone: string;
  psid: string;
  xId: string;
  xHandle: string;
  email: string;
}

export interface Delivery {
  kind: DeliveryKind;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The secrets a kind needs, named as the server's environment names them. */
export const NEEDS: Record<DeliveryKind, readonly (keyof ChannelSecrets)[]> = {
  'twilio-sms': ['publicUrl', 'twilioAuthToken'],
  'twilio-whatsapp': ['publicUrl', 'twilioAuthToken'],
  'twilio-status': ['publicUrl', 'twilioAuthToken'],
  // The server serves Meta only with its verify token set too.
  'meta-whatsapp': ['metaAppSecret', 'metaVerifyToken'],
  'meta-messenger': ['metaAppSecret', 'metaVerifyToken'],
  'x-dm': ['xConsumerSecret'],
  postmark: ['postmarkUser', 'postmarkPassword'],
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

function secret(secrets: ChannelSecrets, name: keyof ChannelSecrets): string {
  const value = secrets[name];
  if (!value) throw new Error(`The simulator needs ${name} for this delivery.`);
  return value;
}

function twilioForm(secrets: ChannelSecrets, path: string, params: [string, string][], kind: DeliveryKind): Delivery {
  const url = secret(secrets, 'publicUrl').replace(/\/$/, '') + path;
  return {
    kind,
    path,
    headers: {
      'Content-Type': FORM,
      'X-Twilio-Signature': twilioSignature(secret(secrets, 'twilioAuthToken'), url, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

function metaJson(secrets: ChannelSecrets, payload: unknown, kind: DeliveryKind): Delivery {
  const body = JSON.stringify(payload);
  return {
    kind,
    path: '/webhooks/meta',
    headers: {
      'Content-Type': JSON_TYPE,
      'X-Hub-Signature-256': `sha256=${hmac('sha256', secret(secrets, 'metaAppSecret'), body, 'hex')}`,
    },
    body,
  };
}

/** One delivery of `kind` from `person` saying `text`, signed with `secrets`, at `now` (epoch ms). */
export function delivery(
  kind: DeliveryKind,
  person: Person,
  text: string,
  secrets: ChannelSecrets,
  now: number,
): Delivery {
  const seconds = String(Math.floor(now / 1000));
  switch (kind) {
    case 'twilio-sms':
      return twilioForm(
        secrets,
        '/webhooks/twilio/sms',
        [
          ['MessageSid', `SM${hex(16)}`],
          ['AccountSid', 'AC00000000000000000000000000000001'],
          ['From', person.phone],
          ['To', BRAND.phone],
          ['Body', text],
          ['NumMedia', '0'],
          ['NumSegments', '1'],
          ['SmsStatus', 'received'],
          ['ApiVersion', '2010-04-01'],
        ],
        kind,
      );
    case 'twilio-whatsapp':
      return twilioForm(
        secrets,
        '/webhooks/twilio/whatsapp',
        [
          ['MessageSid', `SM${hex(16)}`],
          ['AccountSid', 'AC00000000000000000000000000000001'],
          ['From', `whatsapp:${person.phone}`],
          ['To', `whatsapp:${BRAND.phone}`],
          ['Body', text],
          ['NumMedia', '0'],
          ['ProfileName', person.name],
          ['WaId', person.phone.slice(1)],
          ['MessageType', 'text'],
          ['SmsStatus', 'received'],
          ['ApiVersion', '2010-04-01'],
        ],
        kind,
      );
    case 'twilio-status':
      // A status for a message this simulator never sent: the server acknowledges it and logs it as unknown.
      return twilioForm(
        secrets,
        '/webhooks/twilio/status',
        [
          ['MessageSid', `SM${hex(16)}`],
          ['AccountSid', 'AC00000000000000000000000000000001'],
          ['From', BRAND.phone],
          ['To', person.phone],
          ['MessageStatus', 'delivered'],
          ['SmsStatus', 'delivered'],
          ['ApiVersion', '2010-04-01'],
        ],
        kind,
      );
    case 'meta-whatsapp':
      return metaJson(
        secrets,
        {
          object: 'whatsapp_business_account',
          entry: [
            {
              id: '102290129340398',
              changes: [
                {
                  field: 'messages',
                  value: {
                    messaging_product: 'whatsapp',
                    metadata: {
                      display_phone_number: BRAND.phone.slice(1),
                      phone_number_id: BRAND.whatsappPhoneNumberId,
                    },
                    contacts: [{ wa_id: person.phone.slice(1), profile: { name: person.name } }],
                    messages: [
                      {
                        from: person.phone.slice(1),
                        id: `wamid.${hex(20)}`,
                        timestamp: seconds,
                        type: 'text',
                        text: { body: text },
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
        kind,
      );
    case 'meta-messenger':
      return metaJson(
        secrets,
        {
          object: 'page',
          entry: [
            {
              id: BRAND.pageId,
              time: now,
              messaging: [
                {
                  sender: { id: person.psid },
                  recipient: { id: BRAND.pageId },
                  timestamp: now,
                  message: { mid: `m_${hex(24)}`, text },
                },
              ],
            },
          ],
        },
        kind,
      );
    case 'x-dm': {
      const body = JSON.stringify({
        for_user_id: BRAND.xUserId,
        direct_message_events: [
          {
            type: 'message_create',
            id: String(BigInt(`0x${hex(7)}`)),
            created_timestamp: String(now),
            message_create: {
              target: { recipient_id: BRAND.xUserId },
              sender_id: person.xId,
              message_data: { text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } },
            },
          },
        ],
        users: {
          [person.xId]: { id: person.xId, name: person.name, screen_name: person.xHandle },
          [BRAND.xUserId]: { id: BRAND.xUserId, name: 'Northwind Care', screen_name: 'northwindcare' },
        },
      });
      return {
        kind,
        path: '/webhooks/x',
        headers: {
          'Content-Type': JSON_TYPE,
          'x-twitter-webhooks-signature': `sha256=${hmac('sha256', secret(secrets, 'xConsumerSecret'), body, 'base64')}`,
        },
        body,
      };
    }
    case 'postmark': {
      const messageId = `<${hex(12)}@mail.example>`;
      const body = JSON.stringify({
        MessageID: hex(16),
        From: person.email,
        FromName: person.name,
        FromFull: { Email: person.email, Name: person.name },
        To: BRAND.email,
        ToFull: [{ Email: BRAND.email, Name: '' }],
        OriginalRecipient: BRAND.email,
        Subject: text.slice(0, 60),
        Date: new Date(now).toUTCString(),
        TextBody: text,
        StrippedTextReply: '',
        Headers: [{ Name: 'Message-ID', Value: messageId }],
        Attachments: [],
      });
      const credentials = `${secret(secrets, 'postmarkUser')}:${secret(secrets, 'postmarkPassword')}`;
      return {
        kind,
        path: '/webhooks/email/postmark',
        headers: { 'Content-Type': JSON_TYPE, Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
        body,
      };
    }
  }
}

/** The kinds `secrets` can sign. */
export function signable(secrets: ChannelSecrets): DeliveryKind[] {
  return KINDS.filter((kind) => NEEDS[kind].every((name) => Boolean(secrets[name])));
}
