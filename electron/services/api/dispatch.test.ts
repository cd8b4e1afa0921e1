import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import { dispatchCall } from './dispatch';

const unused = () => Promise.reject(new Error('not called'));
const handlers = {
  'session:signIn': unused,
  'session:signOut': unused,
  'session:me': unused,
  'inbox:list': unused,
  'inbox:get': ({ conversationId }: { conversationId: string }) =>
    conversationId === 'c1'
      ? Promise.reject(new Error('boom'))
      : Promise.reject(new CaredeskError('not_found', 'No such conversation.')),
  'inbox:teams': () => Promise.resolve([{ id: 't1', name: 'Support' }]),
  'reply:send': unused,
  'search:messages': (input: { query: string; limit: number }) => Promise.resolve({ hits: [], echo: input }),
  'sync:status': unused,
} as unknown as ApiHandlers;

describe('dispatchCall', () => {
  it('answers an unknown call name with invalid_input', async () => {
    const result = await dispatchCall(handlers, 'fs:readFile', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(handlers, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatchCall(handlers, 'toString', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers a bad payload with invalid_input, naming the field', async () => {
    expect(await dispatchCall(handlers, 'inbox:get', { conversationId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('conversationId') as string },
    });
    expect(await dispatchCall(handlers, 'inbox:get', 'c1')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatchCall(handlers, 'search:messages', { query: 'x'.repeat(201) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('passes the parsed input, with defaults, to the handler', async () => {
    expect(await dispatchCall(handlers, 'search:messages', { query: 'kettle' })).toEqual({
      ok: true,
      value: { hits: [], echo: { query: 'kettle', limit: 30 } },
    });
    expect(await dispatchCall(handlers, 'inbox:teams', undefined)).toEqual({
      ok: true,
      value: [{ id: 't1', name: 'Support' }],
    });
  });

  it('turns errors into envelopes: not_found as such, anything else as internal', async () => {
    expect(await dispatchCall(handlers, 'inbox:get', { conversationId: 'nope' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such conversation.' },
    });
    const logged: unknown[] = [];
    const internal = await dispatchCall(handlers, 'inbox:get', { conversationId: 'c1' }, (e) => logged.push(e));
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(internal)).not.toContain('boom');
  });
});
