import { describe, expect, it } from 'vitest';
import { SendReplyRequest } from '../shared/sync/protocol';
import { previewOf } from './preview';

describe('previewOf', () => {
  it('flattens whitespace and keeps short bodies whole', () => {
    expect(previewOf('  Where is\n\nmy   order?  ')).toBe('Where is my order?');
    expect(previewOf('😀'.repeat(140))).toBe('😀'.repeat(140));
  });

  it('cuts on code points, never inside a surrogate pair', () => {
    const preview = previewOf(`${'a'.repeat(138)}😀 thanks for waiting`);
    expect(preview).toBe(`${'a'.repeat(138)}😀…`);
    expect(SendReplyRequest.shape.body.safeParse(preview).success).toBe(true);

    const emoji = previewOf('😀'.repeat(200));
    expect(emoji).toBe(`${'😀'.repeat(139)}…`);
    expect(SendReplyRequest.shape.body.safeParse(emoji).success).toBe(true);
  });
});
