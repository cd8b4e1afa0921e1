import { describe, expect, it } from 'vitest';
import { Action } from '../sync/actions';
import { previewOf } from './preview';

describe('previewOf', () => {
  it('flattens whitespace and keeps short bodies whole', () => {
    expect(previewOf('  Where is\n\nmy   order?  ')).toBe('Where is my order?');
    expect(previewOf('😀'.repeat(140))).toBe('😀'.repeat(140));
  });

  it('cuts on code points, never inside a surrogate pair', () => {
    const preview = previewOf(`${'a'.repeat(138)}😀 thanks for waiting`);
    expect(preview).toBe(`${'a'.repeat(138)}😀…`);
    expect(Action.safeParse({ type: 'note', conversationId: 'c1', seenAssigneeId: null, body: preview }).success).toBe(
      true,
    );

    const emoji = previewOf('😀'.repeat(200));
    expect(emoji).toBe(`${'😀'.repeat(139)}…`);
    expect(Action.safeParse({ type: 'note', conversationId: 'c1', seenAssigneeId: null, body: emoji }).success).toBe(
      true,
    );
  });
});
