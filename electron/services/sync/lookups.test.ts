// How the engine reads a lookup's answer. The answers themselves come from the real server in
// e2e/sync/lookups.test.ts; these are the ones it cannot be made to give.
import { describe, expect, it } from 'vitest';
import { createLookupClient } from './lookups';

const answering = (answer: unknown) => createLookupClient({ request: () => Promise.resolve(answer) });

describe('lookup client', () => {
  it('refuses bad input before asking, naming the field', async () => {
    let asked = false;
    const client = createLookupClient({
      request: () => {
        asked = true;
        return Promise.resolve(null);
      },
    });
    await expect(client.lookup('customerSearch', { query: '   ' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('at query') as unknown,
    });
    expect(asked).toBe(false);
  });

  it('passes the timeout on and says the server cannot be reached when the request fails', async () => {
    const timeouts: number[] = [];
    const client = createLookupClient({
      request: (_event, _payload, timeoutMs) => {
        timeouts.push(timeoutMs);
        return Promise.reject(new Error('operation has timed out'));
      },
      timeoutMs: 1_234,
    });
    await expect(client.lookup('customerSearch', { query: 'pat' })).rejects.toMatchObject({
      code: 'server_unreachable',
      message: 'You are offline — customer search needs the server.',
    });
    expect(timeouts).toEqual([1_234]);
  });

  it('keeps the message of an error code newer than this engine', async () => {
    const client = answering({ ok: false, error: { code: 'quota_exceeded', message: 'Too many lookups today.' } });
    await expect(client.lookup('customer', { customerId: 'c1' })).rejects.toMatchObject({
      code: 'internal',
      message: 'Too many lookups today.',
    });
  });

  it('says an answer it cannot read needs a newer Caredesk', async () => {
    await expect(
      answering({ ok: true, value: { hits: 'nope' } }).lookup('customerSearch', { query: 'pat' }),
    ).rejects.toMatchObject({
      code: 'protocol_mismatch',
    });
  });
});
