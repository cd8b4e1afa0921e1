import { describe, expect, it } from 'vitest';
import { toErrorBody } from '../domain/errors';
import { SendReplyRequest } from './protocol';

const valid = { clientId: 'client-0001', conversationId: 'conv-1', body: 'On its way!' };

function refusal(request: unknown): string {
  const result = SendReplyRequest.safeParse(request);
  if (result.success) throw new Error('parsed unexpectedly');
  return toErrorBody(result.error).message;
}

describe('SendReplyRequest', () => {
  it('accepts ordinary text, emoji and other astral characters', () => {
    expect(SendReplyRequest.parse({ ...valid, body: ' Thanks 😀 𝒳 👩‍👩‍👧 ' })).toEqual({
      ...valid,
      body: 'Thanks 😀 𝒳 👩‍👩‍👧',
    });
  });

  it('refuses NUL characters with a clear message', () => {
    expect(refusal({ ...valid, body: 'hello\u0000world' })).toBe(
      'Invalid input at body: Text cannot contain NUL (\\u0000) characters.',
    );
    expect(refusal({ ...valid, clientId: 'client-\u0000001' })).toMatch(/^Invalid input at clientId: .*NUL/);
  });

  it('refuses unpaired surrogates anywhere in the body', () => {
    for (const body of ['hello \ud83d world', 'hello \ude00', '\ud83d', 'x\ude00\ud83d', 'end \ud83d']) {
      expect(refusal({ ...valid, body })).toBe(
        'Invalid input at body: Text cannot contain unpaired surrogates (broken emoji or other invalid Unicode).',
      );
    }
  });

  it('bounds the conversation id', () => {
    expect(SendReplyRequest.parse({ ...valid, conversationId: 'c'.repeat(128) }).conversationId).toHaveLength(128);
    expect(refusal({ ...valid, conversationId: 'c'.repeat(129) })).toMatch(/^Invalid input at conversationId/);
  });
});
