import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replySubject } from '../email';
import { DEFAULT_OUTBOUND } from '../outbound';
import type { OutboundConfig, ReplyRoute } from '../outbound';
import { startProviderDouble } from '../provider-double';
import type { ProviderDouble } from '../provider-double';
import { postmarkSender } from './send';

const ROUTE: ReplyRoute = {
  account: 'support@acme.example',
  recipient: 'pat@example.com',
  kind: 'direct',
  inReplyToProviderId: null,
  subject: 'Where is order #1001?',
  thread: { messageId: '<m2@mail.example>', references: ['<m1@mail.example>'] },
  windowOpen: true,
};

describe('Postmark sends email replies, threaded under the customer’s message', () => {
  let double: ProviderDouble;
  let config: OutboundConfig;
  beforeAll(async () => {
    double = await startProviderDouble(() => ({
      status: 200,
      body: {
        To: 'pat@example.com',
        SubmittedAt: '2026-12-07T00:00:00Z',
        MessageID: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817',
        ErrorCode: 0,
        Message: 'OK',
      },
    }));
    config = { ...DEFAULT_OUTBOUND, postmarkApiUrl: double.url, postmarkServerToken: 'test_server_token' };
  });
  afterAll(() => double.close());

  it('posts the email API’s JSON with In-Reply-To and References, and keeps the MessageID', async () => {
    const result = await postmarkSender.send(
      { messageId: 'm1', channel: 'email', body: 'It ships today.', automatic: false },
      ROUTE,
      config,
    );
    expect(result).toEqual({ ok: true, providerMessageId: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817' });
    const request = double.received.at(-1);
    expect(request?.path).toBe('/email');
    expect(request?.headers['x-postmark-server-token']).toBe('test_server_token');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      From: 'support@acme.example',
      To: 'pat@example.com',
      Subject: 'Re: Where is order #1001?',
      TextBody: 'It ships today.',
      Headers: [
        { Name: 'In-Reply-To', Value: '<m2@mail.example>' },
        { Name: 'References', Value: '<m1@mail.example> <m2@mail.example>' },
      ],
      MessageStream: 'outbound',
    });
    expect(replySubject('RE: hello')).toBe('RE: hello');
  });

  it('a refused address is final, with Postmark’s code and words', async () => {
    double.queue({ status: 422, body: { ErrorCode: 300, Message: "Invalid 'To' address: 'pat'." } });
    const result = await postmarkSender.send(
      { messageId: 'm2', channel: 'email', body: 'Hi', automatic: false },
      ROUTE,
      config,
    );
    expect(result).toEqual({ ok: false, retryable: false, code: '300', text: "Invalid 'To' address: 'pat'." });
  });
});
