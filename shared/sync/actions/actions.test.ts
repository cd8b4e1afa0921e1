import { describe, expect, it } from 'vitest';
import { toErrorBody } from '../../domain/errors';
import { Action, ActionRequest } from './index';

const reply = { type: 'reply', conversationId: 'conv-1', seenAssigneeId: null, body: 'On its way!' } as const;
const valid = { id: 'client-0001', action: reply };
const withReply = (fields: Partial<Record<keyof typeof reply, unknown>>) => ({
  ...valid,
  action: { ...reply, ...fields },
});

function refusal(request: unknown): string {
  const result = ActionRequest.safeParse(request);
  if (result.success) throw new Error('parsed unexpectedly');
  return toErrorBody(result.error).message;
}

describe('ActionRequest', () => {
  it('accepts ordinary text, emoji and other astral characters', () => {
    expect(ActionRequest.parse(withReply({ body: ' Thanks 😀 𝒳 👩‍👩‍👧 ' }))).toEqual({
      ...valid,
      action: { ...reply, body: 'Thanks 😀 𝒳 👩‍👩‍👧' },
    });
  });

  it('refuses NUL characters with a clear message', () => {
    expect(refusal(withReply({ body: 'hello\u0000world' }))).toBe(
      'Invalid input at action.body: Text cannot contain NUL (\\u0000) characters.',
    );
    expect(refusal({ ...valid, id: 'client-\u0000001' })).toMatch(/^Invalid input at id: .*NUL/);
  });

  it('refuses unpaired surrogates anywhere in the body', () => {
    for (const body of ['hello \ud83d world', 'hello \ude00', '\ud83d', 'x\ude00\ud83d', 'end \ud83d']) {
      expect(refusal(withReply({ body }))).toBe(
        'Invalid input at action.body: Text cannot contain unpaired surrogates (broken emoji or other invalid Unicode).',
      );
    }
  });

  it('bounds the conversation id', () => {
    expect(ActionRequest.parse(withReply({ conversationId: 'c'.repeat(128) })).action).toMatchObject({
      conversationId: 'c'.repeat(128),
    });
    expect(refusal(withReply({ conversationId: 'c'.repeat(129) }))).toMatch(/^Invalid input at action.conversationId/);
  });

  it('normalises tags and refuses unknown action types', () => {
    const tag = Action.parse({ type: 'tag', conversationId: 'c1', seenAssigneeId: null, tag: '  Damaged ', on: true });
    expect(tag).toMatchObject({ tag: 'damaged' });
    expect(refusal({ ...valid, action: { ...reply, type: 'delete' } })).toMatch(/^Invalid input at action.type/);
    expect(
      refusal({ ...valid, action: { type: 'tag', conversationId: 'c1', seenAssigneeId: null, tag: 'a,b', on: true } }),
    ).toMatch(/commas/);
  });
});
