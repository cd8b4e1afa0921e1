import { sendReply } from '../../../shared/api/reply';

/** The contract's cap on a reply body (counted after trimming, as `reply:send` does). */
export const REPLY_MAX_LENGTH: number = sendReply.input.shape.body.maxLength ?? 10_000;

/** From here on the composer shows a counter. */
export const REPLY_COUNTER_FROM = Math.floor(REPLY_MAX_LENGTH * 0.9);

const count = new Intl.NumberFormat('en-US');

export type ReplyLength = {
  /** Characters that count toward the cap (UTF-16 units of the trimmed text, like the contract). */
  length: number;
  /** "9,512 / 10,000" once near the cap; null below it. */
  counter: string | null;
  /** Set when the reply is too long to send, saying by how much. */
  error: string | null;
};

/** Notes share the cap (`conversation:act`'s note body is as long as a reply's). */
export function replyLength(value: string, kind: 'reply' | 'note' = 'reply'): ReplyLength {
  const length = value.trim().length;
  const counter = length >= REPLY_COUNTER_FROM ? `${count.format(length)} / ${count.format(REPLY_MAX_LENGTH)}` : null;
  const over = length - REPLY_MAX_LENGTH;
  const error =
    over > 0
      ? `Too long to ${kind === 'note' ? 'add' : 'send'}: ${kind === 'note' ? 'notes' : 'replies'} can be up to ${count.format(REPLY_MAX_LENGTH)} characters. Remove ${count.format(over)} ${over === 1 ? 'character' : 'characters'}.`
      : null;
  return { length, counter, error };
}
