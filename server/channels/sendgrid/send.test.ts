import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND } from '../outbound';
import type { OutboundConfig, OutboundReply, ReplyRoute } from '../outbound';
import { startProviderDouble } from '../provider-double';
import type { ProviderDouble } from '../provider-double';
import { senderFor } from '../senders';
import { sendgridSender } from './send';

const ROUTE: ReplyRoute = {
  account: 'support@acme.example',
  recipient: 'pat@example.com',
  kind: 'direct',
  inReplyToProviderId: null,
  subject: 'Where is order #1001?',
  thread: { messageId: '<m2@mail.example>', references: ['<m1@mail.example>'] },
  windowOpen: true,
};

const reply = (messageId: string): OutboundReply => ({
  messageId,
  channel: 'email',
  body: 'It ships today.',
  automatic: false,
});

describe('SendGrid sends email replies through Mail Send, threaded under the customer’s message', () => {
  let double: ProviderDouble;
  let config: OutboundConfig;
  beforeAll(async () => {
    double = await startProviderDouble(() => ({
      status: 202,
      body: '',
      headers: { 'x-message-id': 'W1o9Pg3aQ2yS4cXhD8vLmA' },
    }));
    config = { ...DEFAULT_OUTBOUND, sendgridApiUrl: double.url, sendgridApiKey: 'SG.test_key' };
  });
  afterAll(() => double.close());

  it('posts the Mail Send JSON with the API key, In-Reply-To and References, and keeps X-Message-Id', async () => {
    const result = await sendgridSender.send(reply('m1'), ROUTE, config);
    expect(result).toEqual({ ok: true, providerMessageId: 'W1o9Pg3aQ2yS4cXhD8vLmA' });
    const request = double.received.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v3/mail/send');
    expect(request?.headers.authorization).toBe('Bearer SG.test_key');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      personalizations: [{ to: [{ email: 'pat@example.com' }] }],
      from: { email: 'support@acme.example' },
      subject: 'Re: Where is order #1001?',
      content: [{ type: 'text/plain', value: 'It ships today.' }],
      headers: { 'In-Reply-To': '<m2@mail.example>', References: '<m1@mail.example> <m2@mail.example>' },
    });
  });

  it('sends from SENDGRID_FROM when the account is unknown, with no thread headers for a message without a Message-ID', async () => {
    const seen = double.received.length;
    const result = await sendgridSender.send(
      reply('m2'),
      { ...ROUTE, account: '', subject: null, thread: {} },
      { ...config, sendgridFrom: 'help@acme.example' },
    );
    expect(result).toEqual({ ok: true, providerMessageId: 'W1o9Pg3aQ2yS4cXhD8vLmA' });
    const body = JSON.parse(double.received[seen]?.body ?? '') as Record<string, unknown>;
    expect(body.from).toEqual({ email: 'help@acme.example' });
    expect(body.subject).toBe('Re: your message');
    expect(body).not.toHaveProperty('headers');
  });

  it('an accepted reply whose answer lost X-Message-Id is sent, under Caredesk’s id', async () => {
    double.queue({ status: 202, body: '' });
    expect(await sendgridSender.send(reply('m3'), ROUTE, config)).toEqual({
      ok: true,
      providerMessageId: 'caredesk:m3',
    });
  });

  it('a refused request is final, with the first error’s words', async () => {
    double.queue({
      status: 400,
      body: {
        errors: [
          { message: 'The from email does not contain a valid address.', field: 'from.email', help: null },
          { message: 'A second error.', field: 'subject', help: null },
        ],
      },
    });
    expect(await sendgridSender.send(reply('m4'), ROUTE, config)).toEqual({
      ok: false,
      retryable: false,
      code: 'http_400',
      text: 'The from email does not contain a valid address.',
    });
    double.queue({ status: 401, body: { errors: [{ message: 'authorization required', field: null }] } });
    expect(await sendgridSender.send(reply('m5'), ROUTE, config)).toEqual({
      ok: false,
      retryable: false,
      code: 'http_401',
      text: 'authorization required',
    });
  });

  it('rate limiting is retried after Retry-After (else X-RateLimit-Reset), and SendGrid’s own trouble is retried', async () => {
    double.queue(
      {
        status: 429,
        body: { errors: [{ field: null, message: 'too many requests' }] },
        headers: { 'retry-after': '7' },
      },
      {
        status: 429,
        body: { errors: [{ field: null, message: 'too many requests' }] },
        headers: { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60) },
      },
      { status: 503, body: 'Service Unavailable' },
    );
    expect(await sendgridSender.send(reply('m6'), ROUTE, config)).toEqual({
      ok: false,
      retryable: true,
      code: 'http_429',
      text: 'too many requests',
      retryAfterMs: 7000,
    });
    const reset = await sendgridSender.send(reply('m7'), ROUTE, config);
    expect(reset).toMatchObject({ ok: false, retryable: true, code: 'http_429' });
    const waitMs = reset.ok ? NaN : (reset.retryAfterMs ?? NaN);
    expect(waitMs).toBeGreaterThan(55_000);
    expect(waitMs).toBeLessThanOrEqual(60_000);
    expect(await sendgridSender.send(reply('m8'), ROUTE, config)).toEqual({
      ok: false,
      retryable: true,
      code: 'http_503',
      text: 'The provider answered HTTP 503.',
    });
  });

  it('a SendGrid that cannot be reached is a retryable failure', async () => {
    const result = await sendgridSender.send(reply('m9'), ROUTE, { ...config, sendgridApiUrl: 'http://127.0.0.1:1' });
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'network' });
  });

  it('names SENDGRID_API_KEY when it is not set, and sends email only when Postmark is not configured', () => {
    expect(sendgridSender.unconfigured(DEFAULT_OUTBOUND)).toBe('SENDGRID_API_KEY is not set');
    expect(sendgridSender.unconfigured(config)).toBeNull();
    expect(sendgridSender.carries('email', 'support@acme.example')).toBe(true);
    expect(sendgridSender.carries('sms', '+14155550100')).toBe(false);
    expect(senderFor(config, 'email', 'support@acme.example')?.name).toBe('sendgrid');
    expect(senderFor({ ...config, postmarkServerToken: 'pm' }, 'email', 'support@acme.example')?.name).toBe('postmark');
    expect(senderFor(DEFAULT_OUTBOUND, 'email', 'support@acme.example')).toBeNull();
  });
});
