import { describe, expect, it } from 'vitest';
import { REPLY_COUNTER_FROM, REPLY_MAX_LENGTH, replyLength } from './replyLength';

describe('replyLength', () => {
  it('takes the cap from the reply:send contract', () => {
    expect(REPLY_MAX_LENGTH).toBe(10_000);
    expect(REPLY_COUNTER_FROM).toBe(9_000);
  });

  it('stays quiet well under the cap', () => {
    expect(replyLength('Hello')).toEqual({ length: 5, counter: null, error: null });
    expect(replyLength('x'.repeat(8_999))).toMatchObject({ counter: null, error: null });
  });

  it('shows a counter near the cap, with no error up to the cap itself', () => {
    expect(replyLength('x'.repeat(9_512))).toEqual({ length: 9_512, counter: '9,512 / 10,000', error: null });
    expect(replyLength('x'.repeat(10_000))).toMatchObject({ counter: '10,000 / 10,000', error: null });
  });

  it('says by how much a reply is over the cap', () => {
    expect(replyLength('x'.repeat(10_001)).error).toMatch(/Remove 1 character\.$/);
    expect(replyLength('x'.repeat(12_345))).toMatchObject({
      counter: '12,345 / 10,000',
      error: expect.stringMatching(/Remove 2,345 characters\.$/) as unknown,
    });
  });

  it('counts like the contract: surrounding whitespace does not count', () => {
    expect(replyLength(`  ${'x'.repeat(10_000)}\n\n`).error).toBeNull();
  });

  it('words the error for a note', () => {
    expect(replyLength('x'.repeat(10_001), 'note').error).toBe(
      'Too long to add: notes can be up to 10,000 characters. Remove 1 character.',
    );
  });
});
