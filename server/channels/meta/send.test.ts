import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND } from '../outbound';
import type { OutboundConfig, ReplyRoute } from '../outbound';
import { startProviderDouble } from '../provider-double';
import type { ProviderDouble } from '../provider-double';
import { fixture } from '../testing';
import { metaSender } from './send';

const json = (file: string) => JSON.parse(fixture(file).toString('utf8')) as Record<string, unknown>;
const WHATSAPP_REQUEST = json('meta_whatsapp_send_text.request.json');
const WHATSAPP_RESPONSE = json('meta_whatsapp_send_text.response.json');
const MESSENGER_REQUEST = json('meta_messenger_send.request.json');
const MESSENGER_RESPONSE = json('meta_messenger_send.response.json');

const route = (fields: Partial<ReplyRoute>): ReplyRoute => ({
  account: '106540352242922',
  recipient: '+16505551234',
  kind: 'direct',
  inReplyToProviderId: null,
  subject: null,
  thread: {},
  windowOpen: true,
  ...fields,
});

describe('Meta sends replies through the Graph API', () => {
  let double: ProviderDouble;
  let config: OutboundConfig;
  beforeAll(async () => {
    double = await startProviderDouble((request) => ({
      status: 200,
      body: request.body.includes('"messaging_product"') ? WHATSAPP_RESPONSE : MESSENGER_RESPONSE,
    }));
    config = { ...DEFAULT_OUTBOUND, metaGraphUrl: double.url, metaAccessToken: 'test_access_token' };
  });
  afterAll(() => double.close());

  it('WhatsApp: the documented text message to the phone number id, quoting the message answered', async () => {
    const text = (WHATSAPP_REQUEST.text as { body: string }).body;
    const context = WHATSAPP_REQUEST.context as { message_id: string };
    const result = await metaSender.send(
      { messageId: 'm1', channel: 'whatsapp', body: text, automatic: false },
      route({ inReplyToProviderId: context.message_id }),
      config,
    );
    expect(result).toEqual({ ok: true, providerMessageId: (WHATSAPP_RESPONSE.messages as { id: string }[])[0]?.id });
    const request = double.received.at(-1);
    expect(request?.path).toBe('/v21.0/106540352242922/messages');
    expect(request?.headers.authorization).toBe('Bearer test_access_token');
    // The fixture's shape; Caredesk asks for no link preview (a rep's reply is text).
    expect(JSON.parse(request?.body ?? '')).toEqual({ ...WHATSAPP_REQUEST, text: { preview_url: false, body: text } });
  });

  it('Messenger and Instagram: the documented RESPONSE message to the person’s scoped id', async () => {
    const recipient = (MESSENGER_REQUEST.recipient as { id: string }).id;
    const body = (MESSENGER_REQUEST.message as { text: string }).text;
    for (const [channel, account] of [
      ['messenger', '1234567890'],
      ['instagram', '17841405822304914'],
    ] as const) {
      const result = await metaSender.send(
        { messageId: 'm2', channel, body, automatic: false },
        route({ account, recipient }),
        config,
      );
      expect(result).toEqual({ ok: true, providerMessageId: MESSENGER_RESPONSE.message_id });
      const request = double.received.at(-1);
      expect(request?.path).toBe(`/v21.0/${account}/messages`);
      expect(JSON.parse(request?.body ?? '')).toEqual(MESSENGER_REQUEST);
    }
  });

  it('keeps the Graph error: outside the 24-hour window is final, throttling is retried', async () => {
    double.queue(
      {
        status: 400,
        body: { error: { message: 'Re-engagement message', type: 'OAuthException', code: 131047, fbtrace_id: 'A' } },
      },
      { status: 400, body: { error: { message: 'Rate limit hit', type: 'OAuthException', code: 130429 } } },
    );
    const send = () =>
      metaSender.send({ messageId: 'm3', channel: 'whatsapp', body: 'Hi', automatic: false }, route({}), config);
    expect(await send()).toEqual({ ok: false, retryable: false, code: '131047', text: 'Re-engagement message' });
    expect(await send()).toEqual({ ok: false, retryable: true, code: '130429', text: 'Rate limit hit' });
  });

  it('WhatsApp: the survey goes as the approved template outside the 24-hour window, as text within it', async () => {
    const question = 'How did we do? Reply with a number from 1 (poor) to 5 (great).';
    const survey = { messageId: 's1', channel: 'whatsapp' as const, body: question, automatic: true };
    const templated = { ...config, whatsappSurveyTemplate: { name: 'csat_survey', language: 'en_US' } };
    const sent = double.received.length;

    expect(await metaSender.send(survey, route({ windowOpen: false }), templated)).toMatchObject({ ok: true });
    expect(JSON.parse(double.received.at(-1)?.body ?? '')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'template',
      template: {
        name: 'csat_survey',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: question }] }],
      },
    });
    // Within the window, the survey is a plain text message, like a rep's reply.
    await metaSender.send(survey, route({ windowOpen: true }), templated);
    expect(JSON.parse(double.received.at(-1)?.body ?? '')).toMatchObject({ type: 'text', text: { body: question } });
    // A rep's reply outside the window is the provider's to refuse (131047), as before: no template.
    await metaSender.send({ ...survey, automatic: false }, route({ windowOpen: false }), templated);
    expect(JSON.parse(double.received.at(-1)?.body ?? '')).toMatchObject({ type: 'text' });
    expect(double.received.length).toBe(sent + 3);

    // No template set: the survey fails at once, saying what to set, and Meta is not called.
    expect(await metaSender.send(survey, route({ windowOpen: false }), config)).toEqual({
      ok: false,
      retryable: false,
      code: 'template_required',
      text: expect.stringContaining('WHATSAPP_SURVEY_TEMPLATE') as string,
    });
    expect(double.received.length).toBe(sent + 3);
  });

  it('carries WhatsApp only from a Cloud API phone number id', () => {
    expect(metaSender.carries('whatsapp', '106540352242922')).toBe(true);
    expect(metaSender.carries('whatsapp', '+14155238886')).toBe(false);
    expect(metaSender.unconfigured(DEFAULT_OUTBOUND)).toBe('META_ACCESS_TOKEN is not set');
  });
});
