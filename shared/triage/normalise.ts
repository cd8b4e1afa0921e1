/**
 * Text normalisation and tokenising for triage. Real messages carry handles, links, order
 * numbers, emoji and stretched words; each is folded to a stable token so the model learns the
 * shape ("a link", "a customer handle") rather than the particular value.
 */

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g;
/** Anonymised customer handles are digits (@115712); brand handles are names (@BrandHelp). */
const CUSTOMER_HANDLE = /@\d+\b/g;
const BRAND_HANDLE = /@[a-z_][\w]*/gi;
const MONEY = /(?:[$£€¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:usd|eur|gbp|dollars|euros|pounds|bucks|quid)\b)/gi;
const LONG_NUMBER = /#?\b[a-z]{0,3}\d{4,}[a-z\d-]*\b/gi;
const HASHTAG = /#(\w+)/g;
const STRETCH = /(\p{L})\1{2,}/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;

export function normaliseText(text: string): string {
  let t = text.normalize('NFKC');
  t = t.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
  t = t.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
  t = t.replace(URL, ' xurlx ');
  t = t.replace(EMAIL, ' xemailx ');
  t = t.replace(CUSTOMER_HANDLE, ' xcustx ');
  t = t.replace(BRAND_HANDLE, ' xbrandx ');
  t = t.replace(MONEY, ' xmoneyx ');
  t = t.replace(LONG_NUMBER, ' xnumx ');
  t = t.replace(HASHTAG, ' $1 ');
  t = t.toLowerCase();
  t = t.replace(STRETCH, '$1$1');
  t = t.replace(EMOJI, (m) => ` ${m} `);
  return t;
}

/**
 * Words (letters, digits and apostrophes), emoji, and the punctuation that carries meaning in
 * short messages ("?" asks, "!" feels).
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'\p{M}]*|\p{Extended_Pictographic}|[?!]/gu;

export function tokenise(normalised: string): string[] {
  const tokens: string[] = [];
  for (const m of normalised.matchAll(TOKEN)) {
    let token = m[0];
    if (token.endsWith("'")) token = token.slice(0, -1);
    // "i'm" and "im", "don't" and "dont" are the same word to a customer.
    tokens.push(token.replace(/'/g, ''));
  }
  return tokens;
}
