// Customer satisfaction (CSAT): one question sent on the conversation's channel when it is resolved,
// answered with a score from 1 to 5 in the customer's next message.

export const CSAT_SCORES = [1, 2, 3, 4, 5] as const;
export type CsatScore = (typeof CSAT_SCORES)[number];

/** The question a team sends unless it wrote its own. */
export const DEFAULT_CSAT_QUESTION =
  'Thanks for contacting us. How did we do? Reply with a number from 1 (poor) to 5 (great).';

/** A question must leave room for the channel's limits (an SMS segment set, an X post). */
export const CSAT_QUESTION_MAX = 280;

/** A survey is answered within this long after it was sent; later, the message is an ordinary one. */
export const CSAT_ANSWER_WINDOW_MS = 7 * 86_400_000;

/** A resolution is surveyed once it has stayed resolved this long (a quick reopen sends nothing). */
export const CSAT_GRACE_MS = 60_000;

const STAR = /\u2B50|\u2605/gu;

/**
 * The score a reply gives, or null when it is not an answer: a lone digit 1–5, optionally "/5",
 * "out of 5" or "stars", with trailing punctuation ("5", "4/5", "3 stars!", "5 out of 5."), or one
 * to five star emoji and nothing else. Anything longer is a message to read, not a score.
 */
export function csatScoreOf(body: string): CsatScore | null {
  const text = body.trim();
  const digit = /^([1-5])\s*(?:\/\s*5|out of 5|stars?)?\s*[.!]*$/iu.exec(text);
  if (digit) return Number(digit[1]) as CsatScore;
  const stars = text.match(STAR)?.length ?? 0;
  if (stars >= 1 && stars <= 5 && text.replace(STAR, '').replace(/\uFE0F|\s/gu, '') === '') return stars as CsatScore;
  return null;
}
