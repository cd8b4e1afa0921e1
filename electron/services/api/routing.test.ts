import { describe, expect, it } from 'vitest';
import type { User } from '../../../shared/domain';
import { DEFAULT_ROUTING } from '../../../shared/domain/routing';
import type { FetchLike } from '../session/sign-in';
import { routingHandlers } from './routing';

const lead: User = { id: 'lena', name: 'Lena', email: 'lena@example.com', role: 'lead', teamIds: ['a'] };

function handlers(fetch: FetchLike, user: User = lead) {
  return routingHandlers({
    serverUrl: 'http://127.0.0.1:1',
    fetch,
    requireUser: () => user,
    token: () => Promise.resolve('tok'),
  });
}

const answer = (status: number, body: unknown): Promise<Response> =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('routing:get and routing:save', () => {
  it('reads and saves over HTTP with the session token', async () => {
    const calls: { url: string; method: string; auth: string | null; body: unknown }[] = [];
    const fetch: FetchLike = (url, init) => {
      const headers = new Headers(init?.headers);
      calls.push({
        url: url instanceof URL ? url.href : typeof url === 'string' ? url : url.url,
        method: init?.method ?? 'GET',
        auth: headers.get('authorization'),
        body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null,
      });
      return answer(200, { ...DEFAULT_ROUTING, mode: 'round_robin' });
    };
    const api = handlers(fetch);
    expect((await api['routing:get']({ teamId: 'a b' })).mode).toBe('round_robin');
    const settings = { ...DEFAULT_ROUTING, mode: 'round_robin' as const };
    await api['routing:save']({ teamId: 'a', settings });
    expect(calls).toEqual([
      { url: 'http://127.0.0.1:1/api/teams/a%20b/routing', method: 'GET', auth: 'Bearer tok', body: null },
      { url: 'http://127.0.0.1:1/api/teams/a/routing', method: 'PUT', auth: 'Bearer tok', body: settings },
    ]);
  });

  it('refuses a rep without asking, says offline when the server cannot be reached, and passes the server’s refusal on', async () => {
    let asked = 0;
    const rep = handlers(
      () => {
        asked++;
        return answer(200, DEFAULT_ROUTING);
      },
      { ...lead, role: 'rep' },
    );
    await expect(rep['routing:get']({ teamId: 'a' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(asked).toBe(0);

    const offline = handlers(() => Promise.reject(new TypeError('fetch failed')));
    await expect(offline['routing:get']({ teamId: 'a' })).rejects.toMatchObject({ code: 'server_unreachable' });

    const refused = handlers(() => answer(400, { code: 'invalid_input', message: 'Not members of this team: bert.' }));
    await expect(refused['routing:save']({ teamId: 'a', settings: DEFAULT_ROUTING })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Not members of this team: bert.',
    });

    const garbled = handlers(() => answer(200, { mode: 'sometimes' }));
    await expect(garbled['routing:get']({ teamId: 'a' })).rejects.toMatchObject({ code: 'protocol_mismatch' });
  });
});
