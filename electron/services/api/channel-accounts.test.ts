import { describe, expect, it } from 'vitest';
import type { User } from '../../../shared/domain';
import { channelAccountHandlers } from './channel-accounts';

const admin: User = { id: 'user-admin', name: 'Ada', email: 'ada@example.com', role: 'admin', teamIds: [] };
const rep: User = { ...admin, id: 'user-rep', role: 'rep' };

function handlersFor(user: User, answer: (url: string, init: RequestInit) => Promise<Response>) {
  const asked: { url: string; method: string; body: unknown }[] = [];
  const handlers = channelAccountHandlers({
    serverUrl: 'http://server.test',
    token: () => Promise.resolve('tok'),
    requireUser: () => user,
    fetch: (input, init = {}) => {
      const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
      const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      asked.push({ url, method: init.method ?? 'GET', body });
      return answer(url, init);
    },
  });
  return { handlers, asked };
}

const json = (status: number, body: unknown) =>
  Promise.resolve(new Response(status === 204 ? null : JSON.stringify(body), { status }));

describe("the engine's channel-account calls", () => {
  it('sends each to its route and reads the answers', async () => {
    const result = { ok: false, status: 401, message: 'Twilio refused the account SID or auth token (401).' };
    const { handlers, asked } = handlersFor(admin, (url) =>
      url.endsWith('/test') ? json(200, result) : json(204, null),
    );
    expect(await handlers['admin:testChannelAccount']({ accountId: 'chacct 1' })).toEqual(result);
    expect(await handlers['admin:removeChannelAccount']({ accountId: 'chacct-1' })).toEqual({});
    expect(asked).toEqual([
      { url: 'http://server.test/api/admin/channel-accounts/chacct%201/test', method: 'POST', body: undefined },
      { url: 'http://server.test/api/admin/channel-accounts/chacct-1', method: 'DELETE', body: undefined },
    ]);
  });

  it("passes the server's refusal on in its words", async () => {
    const refusal = { code: 'conflict', message: '2 conversations still talk to Care' };
    const { handlers } = handlersFor(admin, () => json(409, refusal));
    await expect(handlers['admin:removeChannelAccount']({ accountId: 'chacct-1' })).rejects.toMatchObject(refusal);
  });

  it('refuses a rep without asking, and says offline that nothing changed', async () => {
    const { handlers, asked } = handlersFor(rep, () => json(200, {}));
    await expect(handlers['admin:channelAccounts']({})).rejects.toMatchObject({ code: 'forbidden' });
    expect(asked).toEqual([]);
    const offline = handlersFor(admin, () => Promise.reject(new TypeError('fetch failed'))).handlers;
    await expect(
      offline['admin:updateChannelAccount']({ accountId: 'chacct-1', patch: { teamId: 'team-b' } }),
    ).rejects.toMatchObject({
      code: 'server_unreachable',
      message: 'You are offline — channel accounts need the server. Nothing was changed.',
    });
    await expect(offline['admin:channelAccounts']({})).rejects.toMatchObject({
      message: 'You are offline — channel accounts need the server.',
    });
  });
});
