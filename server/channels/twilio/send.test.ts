import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND } from '../outbound';
import type { OutboundConfig, ReplyRoute } from '../outbound';
import { startProviderDouble } from '../provider-double';
import type { ProviderDouble } from '../provider-double';
import { fixture } from '../testing';
import { twilioSender } from './send';

const CREATED = JSON.parse(fixture('twilio_messages_create.response.json').toString('utf8')) as { sid: string };
const SID = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const ROUTE: ReplyRoute = {
  account: '+14155238886',
  recipient: '+14155550123',
  kind: 'direct',
  inReplyToProviderId: 'SM1',
  subject: null,
  thread: {},
  windowOpen: true,
};

describe('Twilio sends a reply through the Messages resource', () => {
  let double: ProviderDouble;
  let config: OutboundConfig;
  beforeAll(async () => {
    double = await startProviderDouble(() => ({ status: 201, body: CREATED }));
    config = {
      ...DEFAULT_OUTBOUND,
      publicUrl: 'https://care.example.com',
      twilioApiUrl: double.url,
      twilioAccountSid: SID,
      twilioAuthToken: 'test_auth_token',
    };
  });
  afterAll(() => double.close());

  it('posts the documented form with Basic auth and reads the sid as the provider id', async () => {
    const result = await twilioSender.send(
      { messageId: 'm1', channel: 'whatsapp', body: 'Your order #1001 shipped', automatic: false },
      ROUTE,
      config,
    );
    expect(result).toEqual({ ok: true, providerMessageId: CREATED.sid });
    const request = double.received.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:test_auth_token`).toString('base64')}`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    // channels.md §1.5: the data object twilio-node sends, without media.
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: 'whatsapp:+14155550123',
      StatusCallback: 'https://care.example.com/webhooks/twilio/status',
      From: 'whatsapp:+14155238886',
      Body: 'Your order #1001 shipped',
    });
  });

  it('sends the survey as the Content template outside the 24-hour window, or refuses it without one', async () => {
    const question = 'How did we do? Reply with a number from 1 (poor) to 5 (great).';
    const survey = { messageId: 's1', channel: 'whatsapp' as const, body: question, automatic: true };
    const closed = { ...ROUTE, windowOpen: false };
    const sent = double.received.length;

    await twilioSender.send(survey, closed, {
      ...config,
      twilioSurveyContentSid: 'HX1234567890abcdef1234567890abcdef',
    });
    const form = Object.fromEntries(new URLSearchParams(double.received.at(-1)?.body));
    expect(form).toEqual({
      To: 'whatsapp:+14155550123',
      From: 'whatsapp:+14155238886',
      ContentSid: 'HX1234567890abcdef1234567890abcdef',
      ContentVariables: JSON.stringify({ 1: question }),
      StatusCallback: 'https://care.example.com/webhooks/twilio/status',
    });

    expect(await twilioSender.send(survey, closed, config)).toEqual({
      ok: false,
      retryable: false,
      code: 'template_required',
      text: expect.stringContaining('TWILIO_SURVEY_CONTENT_SID') as string,
    });
    // SMS has no window: the survey goes as text whenever.
    await twilioSender.send({ ...survey, channel: 'sms' }, closed, config);
    expect(new URLSearchParams(double.received.at(-1)?.body).get('Body')).toBe(question);
    expect(double.received.length).toBe(sent + 2);
  });

  it('sends SMS without the whatsapp prefix, and carries SMS and Twilio WhatsApp numbers only', async () => {
    await twilioSender.send({ messageId: 'm2', channel: 'sms', body: 'Hi', automatic: false }, ROUTE, config);
    const form = new URLSearchParams(double.received.at(-1)?.body);
    expect([form.get('To'), form.get('From')]).toEqual(['+14155550123', '+14155238886']);
    expect(twilioSender.carries('whatsapp', '+14155238886')).toBe(true);
    expect(twilioSender.carries('whatsapp', '106540352242922')).toBe(false);
    expect(twilioSender.unconfigured({ ...config, twilioAccountSid: undefined })).toBe('TWILIO_ACCOUNT_SID is not set');
  });

  it('keeps Twilio’s error code and words: a refusal is final, throttling and 5xx are retried', async () => {
    double.queue(
      {
        status: 400,
        body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 },
      },
      {
        status: 429,
        body: { code: 20429, message: 'Too Many Requests', status: 429 },
        headers: { 'retry-after': '3' },
      },
      { status: 503, body: 'unavailable' },
    );
    const send = () =>
      twilioSender.send({ messageId: 'm3', channel: 'sms', body: 'Hi', automatic: false }, ROUTE, config);
    expect(await send()).toEqual({
      ok: false,
      retryable: false,
      code: '21211',
      text: "The 'To' number is not a valid phone number.",
    });
    expect(await send()).toEqual({
      ok: false,
      retryable: true,
      code: '20429',
      text: 'Too Many Requests',
      retryAfterMs: 3000,
    });
    expect(await send()).toMatchObject({ ok: false, retryable: true, code: 'http_503' });
  });

  it('a provider that cannot be reached is a retryable failure', async () => {
    const result = await twilioSender.send({ messageId: 'm4', channel: 'sms', body: 'Hi', automatic: false }, ROUTE, {
      ...config,
      twilioApiUrl: 'http://127.0.0.1:1',
    });
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'network' });
  });
});
