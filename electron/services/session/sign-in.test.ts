import { describe, expect, it } from 'vitest';
import { userData } from '../testing/fixtures';
import { requestSession } from './sign-in';
import type { FetchLike } from './sign-in';

const url = 'http://caredesk.test:4480';
const reply =
  (status: number, body: unknown): FetchLike =>
  () =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('requestSession', () => {
  it('posts the credentials to /api/session and returns the session', async () => {
    const seen: { url: string; body: string }[] = [];
    const fetchFn: FetchLike = (input, init) => {
      seen.push({ url: input instanceof URL ? input.href : (input as string), body: init?.body as string });
      return reply(200, { token: 't', expiresAt: 9, user: userData('u1') })(input, init);
    };
    const session = await requestSession(fetchFn, url, { email: 'a@b.c', password: 'pw' });
    expect(session.user.id).toBe('u1');
    expect(seen).toEqual([{ url: `${url}/api/session`, body: JSON.stringify({ email: 'a@b.c', password: 'pw' }) }]);
  });

  it('maps failures to errors a rep can act on', async () => {
    const down: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    await expect(requestSession(down, url, { email: 'a', password: 'b' })).rejects.toMatchObject({
      code: 'server_unreachable',
      message: `Can't reach the Caredesk server at ${url}. Check your connection or the server address.`,
    });
    await expect(
      requestSession(reply(401, { code: 'bad_credentials', message: 'x' }), url, { email: 'a', password: 'b' }),
    ).rejects.toMatchObject({
      code: 'bad_credentials',
      message: 'Wrong email or password.',
    });
    await expect(requestSession(reply(500, { oops: true }), url, { email: 'a', password: 'b' })).rejects.toMatchObject({
      code: 'internal',
    });
    await expect(
      requestSession(reply(200, { hello: 'world' }), url, { email: 'a', password: 'b' }),
    ).rejects.toMatchObject({
      code: 'protocol_mismatch',
    });
  });
});
