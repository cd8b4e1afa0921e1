import { describe, expect, it } from 'vitest';
import {
  fixture,
  JSON_TYPE,
  post,
  sign,
  storeCounts,
  storedDetails,
  storedMessages,
  TEST_SECRETS,
  webhookServer,
} from './testing';

const POSTMARK = '/webhooks/email/postmark';
const SENDGRID = '/webhooks/email/sendgrid';
const BOUNDARY = '----xYzZY';

const postmarkAuth = sign.basic(TEST_SECRETS.postmarkUser, TEST_SECRETS.postmarkPassword);
const sendgridAuth = sign.basic(TEST_SECRETS.sendgridUser, TEST_SECRETS.sendgridPassword);

/** A SendGrid Inbound Parse body (default mode) with these fields and one PNG attachment. */
function sendgridBody(fields: Record<string, string>): Buffer {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  return Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachment1"; filename="label.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

const SENDGRID_HEADERS = [
  'Received: by mx0047p1mdw1.sendgrid.net with SMTP id 6WCVv7KAWn Tue, 14 Jan 2025 10:21:07 +0000 (UTC)',
  'From: "Sam Buyer" <sam.buyer@example.com>',
  'To: support@parse.acme-shop.com',
  'Subject: Re: Your order #1002 has shipped',
  'Date: Tue, 14 Jan 2025 10:21:05 +0000',
  'Message-ID: <CAF+sg001@mail.example.com>',
  'In-Reply-To: <order-1002-shipped@acme-shop.com>',
  'References: <order-1001@acme-shop.com>',
  ' <order-1002-shipped@acme-shop.com>',
].join('\n');

const SENDGRID_FIELDS = {
  headers: SENDGRID_HEADERS,
  dkim: '{@example.com : pass}',
  to: 'support@parse.acme-shop.com',
  from: '"Sam Buyer" <sam.buyer@example.com>',
  subject: 'Re: Your order #1002 has shipped',
  text: 'The box came open.',
  envelope: '{"to":["support@parse.acme-shop.com"],"from":"sam.buyer@example.com"}',
  attachments: '1',
};

describe('email webhooks', () => {
  const server = webhookServer();
  const logged = server.logged;

  describe('Postmark', () => {
    const send = (body: Buffer | string, authorization?: string) =>
      post(server.url, POSTMARK, body, {
        'content-type': JSON_TYPE,
        ...(authorization ? { authorization } : {}),
      });

    it('stores the reply without its quoted history, with subject, thread and attachment, once', async () => {
      const body = fixture('postmark_inbound.json');
      expect((await send(body, postmarkAuth)).status).toBe(200);
      const before = await storeCounts(server.sql);
      expect((await send(body, postmarkAuth)).status).toBe(200);
      expect(await storeCounts(server.sql)).toEqual(before);
      const id = '73e6d360-66eb-11e1-8e72-a8904824019b';
      expect(await storedMessages(server.sql, 'email', id)).toMatchObject([
        {
          body: 'Hi, the tracking link says "label created" for 5 days. Where is my parcel?',
          subject: 'Re: Your order #1001 has shipped',
        },
      ]);
      expect(await storedDetails(server.sql, 'email', id)).toMatchObject({
        account: 'yourhash+order1001@inbound.postmarkapp.com',
        sent_at: Date.parse('Tue, 14 Jan 2025 10:21:05 +0000'),
        thread: {
          messageId: '<CAF+abc123@mail.example.com>',
          inReplyTo: '<order-1001-shipped@acme-shop.com>',
          references: ['<order-1001-shipped@acme-shop.com>'],
        },
        media: [{ filename: 'label.png', contentType: 'image/png', size: 70, url: null }],
      });
    });

    it('refuses other credentials (403) and none (401), storing nothing', async () => {
      const body = fixture('postmark_inbound.json').toString('utf8').replace('73e6d360', 'forged00');
      const before = await storeCounts(server.sql);
      expect((await send(body, sign.basic(TEST_SECRETS.postmarkUser, 'guess'))).status).toBe(403);
      expect((await send(body)).status).toBe(401);
      expect(await storeCounts(server.sql)).toEqual(before);
    });

    it('refuses a mail without a sender (400), logging why', async () => {
      const before = await storeCounts(server.sql);
      expect((await send('{"MessageID":"x"}', postmarkAuth)).status).toBe(400);
      expect(await storeCounts(server.sql)).toEqual(before);
      expect(logged.some((line) => line.startsWith(`Webhook POST ${POSTMARK} refused: The Postmark webhook`))).toBe(
        true,
      );
    });
  });

  describe('SendGrid Inbound Parse', () => {
    const send = (body: Buffer, authorization?: string) =>
      post(server.url, SENDGRID, body, {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        ...(authorization ? { authorization } : {}),
      });

    it('stores a multipart mail by its Message-ID, routed by the envelope, with its file by type and size, once', async () => {
      const body = sendgridBody(SENDGRID_FIELDS);
      expect((await send(body, sendgridAuth)).status).toBe(200);
      expect((await send(body, sendgridAuth)).status).toBe(200);
      const id = '<CAF+sg001@mail.example.com>';
      expect(await storedMessages(server.sql, 'email', id)).toMatchObject([
        { body: 'The box came open.', subject: 'Re: Your order #1002 has shipped' },
      ]);
      expect(await storedDetails(server.sql, 'email', id)).toMatchObject({
        account: 'support@parse.acme-shop.com',
        thread: {
          messageId: id,
          inReplyTo: '<order-1002-shipped@acme-shop.com>',
          references: ['<order-1001@acme-shop.com>', '<order-1002-shipped@acme-shop.com>'],
        },
        media: [{ filename: 'label.png', contentType: 'image/png', size: 70 }],
      });
    });

    it('accepts a mail that is only an attachment', async () => {
      const headers = SENDGRID_HEADERS.replace('sg001', 'sg002');
      const body = sendgridBody({ ...SENDGRID_FIELDS, headers, text: '' });
      expect((await send(body, sendgridAuth)).status).toBe(200);
      expect(await storedMessages(server.sql, 'email', '<CAF+sg002@mail.example.com>')).toMatchObject([{ body: '' }]);
    });

    it('refuses other credentials (403) and none (401), storing nothing', async () => {
      const body = sendgridBody({ ...SENDGRID_FIELDS, headers: SENDGRID_HEADERS.replace('sg001', 'sg003') });
      const before = await storeCounts(server.sql);
      expect((await send(body, sign.basic('sendgrid', 'guess'))).status).toBe(403);
      expect((await send(body)).status).toBe(401);
      expect(await storeCounts(server.sql)).toEqual(before);
    });

    it('refuses "Send Raw" mode, a body cut short and a JSON body (400), logging why', async () => {
      const before = await storeCounts(server.sql);
      const raw = sendgridBody({ email: 'From: a@example.com\r\n\r\nhi' });
      expect((await send(raw, sendgridAuth)).status).toBe(400);
      const cut = sendgridBody(SENDGRID_FIELDS).subarray(0, 200);
      expect((await send(cut, sendgridAuth)).status).toBe(400);
      const json = await post(server.url, SENDGRID, '{}', { 'content-type': JSON_TYPE, authorization: sendgridAuth });
      expect(json.status).toBe(400);
      expect(await storeCounts(server.sql)).toEqual(before);
      expect(logged).toContain(
        `Webhook POST ${SENDGRID} refused: SendGrid "Send Raw" mode is not read by Caredesk: turn it off in the Inbound Parse setting.`,
      );
    });
  });
});
