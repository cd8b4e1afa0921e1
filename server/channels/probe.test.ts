// Each provider's test request and how its answers are said, against a loopback double of its
// documented API; and what is said when no provider can be reached.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND } from './outbound';
import type { OutboundConfig } from './outbound';
import { probeAccount, seconds } from './probe';
import { startProviderDouble } from './provider-double';
import type { DoubleAnswer, ProviderDouble } from './provider-double';

let double: ProviderDouble;
let config: OutboundConfig;

beforeAll(async () => {
  double = await startProviderDouble(() => ({ status: 500, body: null }));
  config = {
    ...DEFAULT_OUTBOUND,
    twilioApiUrl: double.url,
    twilioAccountSid: 'AC1',
    twilioAuthToken: 'tok',
    metaGraphUrl: `${double.url}/graph`,
    metaAccessToken: 'meta-token',
    xApiUrl: double.url,
    xUserToken: 'x-token',
    postmarkApiUrl: double.url,
    postmarkServerToken: 'pm-token',
    sendgridApiUrl: double.url,
  };
});

afterAll(async () => {
  await double?.close();
});

/** Probes with the next answer queued; returns the result and the request the double received. */
async function probe(channel: Parameters<typeof probeAccount>[1], account: string, answer: DoubleAnswer) {
  double.queue(answer);
  const seen = double.received.length;
  const result = await probeAccount(config, channel, account);
  return { result, request: double.received[seen] };
}

describe('testing a channel account', () => {
  it('asks Meta for the WhatsApp number, the page or the Instagram account with the access token', async () => {
    const whatsapp = await probe('whatsapp', '106540352242922', {
      status: 200,
      body: { display_phone_number: '+1 555-078-3881', verified_name: 'Northwind', id: '106540352242922' },
    });
    expect(whatsapp.result).toEqual({
      ok: true,
      status: 200,
      message: 'Meta answered: WhatsApp number +1 555-078-3881 (Northwind)',
    });
    expect(whatsapp.request?.path).toBe('/graph/v21.0/106540352242922?fields=display_phone_number%2Cverified_name');
    expect(whatsapp.request?.headers.authorization).toBe('Bearer meta-token');
    const instagram = await probe('instagram', '1784', { status: 200, body: { username: 'northwind', id: '1784' } });
    expect(instagram.result.message).toBe('Meta answered: Instagram @northwind');
    const unknown = await probe('messenger', '9', {
      status: 404,
      body: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100 } },
    });
    expect(unknown.result).toEqual({
      ok: false,
      status: 404,
      message: 'Meta does not know 9 (404): Unsupported get request.',
    });
  });

  it("asks X whose the token is, and says when it is another account's", async () => {
    const answer = { status: 200, body: { data: { id: '1001', name: 'Northwind', username: 'northwind' } } };
    const own = await probe('x', '1001', answer);
    expect(own.result).toEqual({ ok: true, status: 200, message: 'X answered: @northwind, user id 1001' });
    expect(own.request).toMatchObject({ method: 'GET', path: '/2/users/me' });
    expect(own.request?.headers.authorization).toBe('Bearer x-token');
    const other = await probe('x', '2002', answer);
    expect(other.result).toEqual({
      ok: false,
      status: 200,
      message: "X answered: the token is @northwind's (user id 1001), not account 2002's",
    });
    const refused = await probe('x', '1001', {
      status: 401,
      body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
    });
    expect(refused.result.message).toBe('X refused the user access token (401): Unauthorized');
  });

  it('asks Postmark for its server with the server token', async () => {
    const ok = await probe('email', 'help@northwind.example', { status: 200, body: { ID: 1, Name: 'Support' } });
    expect(ok.result).toEqual({ ok: true, status: 200, message: 'Postmark answered: server "Support"' });
    expect(ok.request?.path).toBe('/server');
    expect(ok.request?.headers['x-postmark-server-token']).toBe('pm-token');
    const refused = await probe('email', 'help@northwind.example', {
      status: 401,
      body: { ErrorCode: 10, Message: 'Request does not contain a valid Server token.' },
    });
    expect(refused.result.message).toBe(
      'Postmark refused the server token (401): Request does not contain a valid Server token.',
    );
  });

  it('asks SendGrid for the API key’s permissions when it is the email provider configured, Postmark when both are', async () => {
    const both = { ...config, sendgridApiKey: 'sg-key' };
    const sendgridOnly = { ...both, postmarkServerToken: undefined };
    const ask = async (settings: OutboundConfig, answer: DoubleAnswer) => {
      double.queue(answer);
      const seen = double.received.length;
      const result = await probeAccount(settings, 'email', 'help@northwind.example');
      return { result, request: double.received[seen] };
    };
    const ok = await ask(sendgridOnly, { status: 200, body: { scopes: ['alerts.read', 'mail.send'] } });
    expect(ok.result).toEqual({ ok: true, status: 200, message: 'SendGrid answered: the API key may send mail' });
    expect(ok.request).toMatchObject({ method: 'GET', path: '/v3/scopes' });
    expect(ok.request?.headers.authorization).toBe('Bearer sg-key');
    const readOnly = await ask(sendgridOnly, { status: 200, body: { scopes: ['stats.read'] } });
    expect(readOnly.result).toEqual({
      ok: false,
      status: 200,
      message: 'SendGrid answered: the API key lacks the mail.send permission',
    });
    const refused = await ask(sendgridOnly, {
      status: 401,
      body: { errors: [{ field: null, message: 'authorization required' }] },
    });
    expect(refused.result.message).toBe('SendGrid refused the API key (401): authorization required');
    const postmark = await ask(both, { status: 200, body: { ID: 1, Name: 'Support' } });
    expect(postmark.result.message).toBe('Postmark answered: server "Support"');
    expect(postmark.request?.path).toBe('/server');
  });

  it('says a Twilio account that is not active cannot be used, and a provider error with its words', async () => {
    const suspended = await probe('whatsapp', '+14155550100', {
      status: 200,
      body: { sid: 'AC1', status: 'suspended' },
    });
    expect(suspended.result).toEqual({ ok: false, status: 200, message: 'Twilio answered: account suspended' });
    expect(suspended.request?.path).toBe('/2010-04-01/Accounts/AC1.json');
    const down = await probe('sms', '+14155550100', { status: 503, body: 'Service Unavailable' });
    expect(down.result).toEqual({ ok: false, status: 503, message: 'Twilio answered HTTP 503.' });
  });

  it('says a host that refuses the connection could not be reached', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await probeAccount({ ...config, twilioApiUrl: `http://127.0.0.1:${port}` }, 'sms', '+14155550100');
    expect(result).toEqual({
      ok: false,
      status: null,
      message: `Could not reach 127.0.0.1:${port}: the connection was refused.`,
    });
  });

  it('names every missing variable, and never asks a provider for web chat', async () => {
    const bare = { ...DEFAULT_OUTBOUND };
    expect(await probeAccount(bare, 'sms', '+14155550100')).toEqual({
      ok: false,
      status: null,
      message: 'No credentials configured for Twilio: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN on the server.',
    });
    expect((await probeAccount(bare, 'x', '1')).message).toBe(
      'No credentials configured for X: set X_USER_ACCESS_TOKEN on the server.',
    );
    expect((await probeAccount(bare, 'email', 'help@northwind.example')).message).toBe(
      'No credentials configured for Postmark: set POSTMARK_SERVER_TOKEN on the server.',
    );
    const seen = double.received.length;
    expect((await probeAccount(config, 'webchat', 'widget')).ok).toBe(true);
    expect(double.received.length).toBe(seen);
  });

  it('writes timeouts as people read them', () => {
    expect(seconds(5000)).toBe('5 s');
    expect(seconds(250)).toBe('0.25 s');
  });
});
