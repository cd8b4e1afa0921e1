import { HELD_EARLY } from '../../services/delivery-status';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../testing';
import {
  fixture,
  FORM,
  post,
  sentReply,
  sign,
  storeCounts,
  storedDetails,
  storedMessages,
  TEST_SECRETS,
  webhookServer,
} from '../testing';
import { twilioSignature, verifyTwilio } from './signature';

const SMS = '/webhooks/twilio/sms';
const STATUS = '/webhooks/twilio/status';

/** An inbound form as Twilio posts it, with these parameters over a plain SMS's. */
function form(params: Record<string, string>): string {
  return new URLSearchParams({
    ToCountry: 'US',
    NumMedia: '0',
    Body: 'Hello',
    To: '+14155550100',
    From: '+14155550177',
    AccountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    ApiVersion: '2010-04-01',
    ...params,
  }).toString();
}

function signedPost(server: { url: string }, path: string, body: string) {
  return post(server.url, path, body, { 'content-type': FORM, 'x-twilio-signature': sign.twilio(path, body) });
}

describe('the Twilio signature', () => {
  // The cross-SDK vector of channels.md §1.3.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params: [string, string][] = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+14158675309'],
    ['Digits', '1234'],
    ['From', '+14158675309'],
    ['To', '+18005551212'],
  ];

  it("matches Twilio's published vectors, with a port and with a repeated key", () => {
    expect(twilioSignature('12345', url, params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(twilioSignature('12345', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params)).toBe(
      'kvajT1Ptam85bY51eRf/AJRuM3w=',
    );
    const repeated: [string, string][] = [
      ['Sid', 'CA123'],
      ['SidAccount', 'AC123'],
      ['Digits', '5678'],
      ['Digits', '1234'],
      ['Digits', '1234'],
    ];
    expect(twilioSignature('12345', url, repeated)).toBe('IK+Dwps556ElfBT0I3Rgjkr1wJU=');
  });

  it('accepts a signature over the URL with its default port, and refuses one by another token', () => {
    expect(verifyTwilio('12345', url, params, 'kvajT1Ptam85bY51eRf/AJRuM3w=')).toEqual({ ok: true });
    expect(verifyTwilio('54321', url, params, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toMatchObject({
      ok: false,
      missing: false,
    });
    expect(verifyTwilio('12345', url, params, undefined)).toMatchObject({ ok: false, missing: true });
  });
});

describe('Twilio webhooks', () => {
  const server = webhookServer();
  const logged = server.logged;

  it('stores an inbound SMS and answers empty TwiML', async () => {
    const body = form({ MessageSid: 'SMhappy0000000000000000000000000001', Body: 'Where is my order?' });
    const response = await signedPost(server, SMS, body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await storedMessages(server.sql, 'sms', 'SMhappy0000000000000000000000000001')).toMatchObject([
      { direction: 'inbound', body: 'Where is my order?' },
    ]);
    expect(await storedDetails(server.sql, 'sms', 'SMhappy0000000000000000000000000001')).toMatchObject({
      account: '+14155550100',
      kind: 'direct',
      media: [],
    });
  });

  it('keeps an MMS picture by reference, with no text at all', async () => {
    const url = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1';
    const body = form({
      MessageSid: 'MMmedia00000000000000000000000000001',
      Body: '',
      NumMedia: '1',
      MediaUrl0: url,
      MediaContentType0: 'image/jpeg',
    });
    expect((await signedPost(server, SMS, body)).status).toBe(200);
    expect(await storedMessages(server.sql, 'sms', 'MMmedia00000000000000000000000000001')).toMatchObject([
      { body: '' },
    ]);
    expect(await storedDetails(server.sql, 'sms', 'MMmedia00000000000000000000000000001')).toMatchObject({
      media: [{ url, contentType: 'image/jpeg', size: null }],
    });
  });

  it('stores a WhatsApp message through Twilio under the sender number, with the profile name', async () => {
    const path = '/webhooks/twilio/whatsapp';
    const body = fixture('twilio_whatsapp_inbound.form').toString('utf8');
    expect((await signedPost(server, path, body)).status).toBe(200);
    const [stored] = await storedMessages(server.sql, 'whatsapp', 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    const customers = await server.sql.query('select name from customers where id = $1', [stored?.customer_id]);
    expect(customers).toEqual([{ name: 'Jane Doe' }]);
    expect(await storedDetails(server.sql, 'whatsapp', 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9')).toMatchObject({
      account: '+14155238886',
    });
  });

  it('stores a WhatsApp sender as WhatsApp even when Twilio posts it to the SMS route', async () => {
    const body = form({ MessageSid: 'SMwaonsms000000000000000000000000001', From: 'whatsapp:+14155550184' });
    expect((await signedPost(server, SMS, body)).status).toBe(200);
    expect(await storedMessages(server.sql, 'whatsapp', 'SMwaonsms000000000000000000000000001')).toHaveLength(1);
    expect(await storedMessages(server.sql, 'sms', 'SMwaonsms000000000000000000000000001')).toEqual([]);
  });

  it('stores a repeated delivery once and acknowledges both', async () => {
    const body = form({ MessageSid: 'SMrepeat000000000000000000000000001' });
    expect((await signedPost(server, SMS, body)).status).toBe(200);
    const before = await storeCounts(server.sql);
    expect((await signedPost(server, SMS, body)).status).toBe(200);
    expect(await storeCounts(server.sql)).toEqual(before);
    expect(await storedMessages(server.sql, 'sms', 'SMrepeat000000000000000000000000001')).toHaveLength(1);
  });

  it('refuses a wrong signature (403) and a missing one (401), storing nothing', async () => {
    const body = form({ MessageSid: 'SMforged000000000000000000000000001' });
    const before = await storeCounts(server.sql);
    const wrong = await post(server.url, SMS, body, {
      'content-type': FORM,
      'x-twilio-signature': sign.twilio('/webhooks/twilio/whatsapp', body),
    });
    expect(wrong.status).toBe(403);
    expect((await post(server.url, SMS, body, { 'content-type': FORM })).status).toBe(401);
    expect(await storeCounts(server.sql)).toEqual(before);
    expect(logged).toContain(`Webhook POST ${SMS} refused: X-Twilio-Signature is missing`);
  });

  it('refuses a signed delivery without a MessageSid (400), logging why', async () => {
    const before = await storeCounts(server.sql);
    const response = await signedPost(server, SMS, form({}));
    expect(response.status).toBe(400);
    expect(await storeCounts(server.sql)).toEqual(before);
    expect(logged).toContain(`Webhook POST ${SMS} refused: The Twilio webhook has no MessageSid.`);
  });

  it('refuses a body over the route limit (413)', async () => {
    const body = form({ MessageSid: 'SMhuge', Body: 'x'.repeat(70_000) });
    expect((await signedPost(server, SMS, body)).status).toBe(413);
  });

  it('applies a status callback, never letting a late one undo a later status; failed keeps its code', async () => {
    await sentReply(server.sql, 'sms', '+14155550178', 'SMreply00000000000000000000000000001');
    const status = (MessageStatus: string, extra: Record<string, string> = {}) =>
      new URLSearchParams({
        MessageSid: 'SMreply00000000000000000000000000001',
        MessageStatus,
        To: '+14155550178',
        From: '+14155550100',
        ...extra,
      }).toString();
    const delivered = await signedPost(server, STATUS, status('delivered'));
    expect(delivered.status).toBe(204);
    expect((await signedPost(server, STATUS, status('sent'))).status).toBe(204);
    expect(await storedMessages(server.sql, 'sms', 'SMreply00000000000000000000000000001')).toMatchObject([
      { status: 'delivered' },
    ]);

    await sentReply(server.sql, 'whatsapp', '+14155550179', 'SMfailed0000000000000000000000000001');
    const failed = new URLSearchParams({
      MessageSid: 'SMfailed0000000000000000000000000001',
      MessageStatus: 'failed',
      ChannelPrefix: 'whatsapp',
      To: 'whatsapp:+14155550179',
      ErrorCode: '63016',
    }).toString();
    expect((await signedPost(server, STATUS, failed)).status).toBe(204);
    expect(await storedMessages(server.sql, 'whatsapp', 'SMfailed0000000000000000000000000001')).toMatchObject([
      { status: 'failed', status_error_code: '63016' },
    ]);
  });

  it('acknowledges a status it does not track, and one for a message it does not know, logging both', async () => {
    const unknown = new URLSearchParams({ MessageSid: 'SMother', MessageStatus: 'canceled', To: '+1' }).toString();
    expect((await signedPost(server, STATUS, unknown)).status).toBe(204);
    expect(logged).toContain(`Webhook POST ${STATUS}: acknowledged and ignored Twilio status "canceled" of SMother`);
    const stranger = new URLSearchParams({ MessageSid: 'SMnobody', MessageStatus: 'sent', To: '+1' }).toString();
    expect((await signedPost(server, STATUS, stranger)).status).toBe(204);
    expect(logged).toContain(`Webhook POST ${STATUS}: sent of sms message SMnobody not applied: ${HELD_EARLY}`);
  });
});

describe('Twilio webhooks without TWILIO_AUTH_TOKEN', () => {
  it('answers 404, logs why and stores nothing', async () => {
    const logged: string[] = [];
    const server = await startTestServer({
      channelSecrets: { publicUrl: TEST_SECRETS.publicUrl },
      log: (entry) => logged.push(String(entry)),
    });
    try {
      const body = form({ MessageSid: 'SMunconfigured' });
      const before = await storeCounts(server.sql);
      expect((await signedPost(server, SMS, body)).status).toBe(404);
      expect(await storeCounts(server.sql)).toEqual(before);
      expect(logged).toContain(`Webhook POST ${SMS} refused: twilio is not configured (TWILIO_AUTH_TOKEN is not set)`);
    } finally {
      await server.close();
    }
  });
});
