import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND } from '../outbound';
import type { OutboundConfig, ReplyRoute } from '../outbound';
import { startProviderDouble } from '../provider-double';
import type { ProviderDouble } from '../provider-double';
import { fixture } from '../testing';
import { xSender } from './send';

const DM_REQUEST = JSON.parse(fixture('x_dm_send.request.json').toString('utf8')) as { text: string };
const DM_RESPONSE = JSON.parse(fixture('x_dm_send.response.json').toString('utf8')) as {
  data: { dm_event_id: string };
};
const ROUTE: ReplyRoute = {
  account: '2975699229',
  recipient: '1205290247124217856',
  kind: 'direct',
  inReplyToProviderId: '1580000000000000000',
  subject: null,
  thread: {},
  windowOpen: true,
};

describe('X sends replies through API v2', () => {
  let double: ProviderDouble;
  let config: OutboundConfig;
  beforeAll(async () => {
    double = await startProviderDouble((request) =>
      request.path === '/2/tweets'
        ? { status: 201, body: { data: { id: '1205348660982083999', text: 'x', edit_history_tweet_ids: [] } } }
        : { status: 201, body: DM_RESPONSE },
    );
    config = { ...DEFAULT_OUTBOUND, xApiUrl: double.url, xUserToken: 'test_user_token' };
  });
  afterAll(() => double.close());

  it('a direct message: the documented body to the person, the dm_event_id kept', async () => {
    const result = await xSender.send(
      { messageId: 'm1', channel: 'x', body: DM_REQUEST.text, automatic: false },
      ROUTE,
      config,
    );
    expect(result).toEqual({ ok: true, providerMessageId: DM_RESPONSE.data.dm_event_id });
    const request = double.received.at(-1);
    expect(request?.path).toBe('/2/dm_conversations/with/1205290247124217856/messages');
    expect(request?.headers.authorization).toBe('Bearer test_user_token');
    expect(JSON.parse(request?.body ?? '')).toEqual(DM_REQUEST);
  });

  it('a public mention is answered with a reply post to it', async () => {
    const result = await xSender.send(
      { messageId: 'm2', channel: 'x', body: '@pennbrooke1 we are on it', automatic: false },
      { ...ROUTE, kind: 'mention', inReplyToProviderId: '1205348660982083584' },
      config,
    );
    expect(result).toEqual({ ok: true, providerMessageId: '1205348660982083999' });
    expect(JSON.parse(double.received.at(-1)?.body ?? '')).toEqual({
      text: '@pennbrooke1 we are on it',
      reply: { in_reply_to_tweet_id: '1205348660982083584' },
    });
  });

  it('keeps X’s problem details; 429 is retried after the time X gives', async () => {
    double.queue(
      { status: 403, body: { title: 'Forbidden', detail: 'You cannot send messages to this user.', status: 403 } },
      {
        status: 429,
        body: { title: 'Too Many Requests', detail: 'Too Many Requests', status: 429 },
        headers: { 'retry-after': '60' },
      },
    );
    const send = () => xSender.send({ messageId: 'm3', channel: 'x', body: 'Hi', automatic: false }, ROUTE, config);
    expect(await send()).toEqual({
      ok: false,
      retryable: false,
      code: 'Forbidden',
      text: 'You cannot send messages to this user.',
    });
    expect(await send()).toMatchObject({ ok: false, retryable: true, retryAfterMs: 60_000 });
  });
});
