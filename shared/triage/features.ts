import { FAILURE_WORDS, NEGATIVE_WORDS, NEGATORS, POSITIVE_WORDS } from './lexicon';
import { normaliseText, tokenise } from './normalise';

/**
 * Sparse features of one message, hashed into `2^dimBits` buckets: word unigrams and bigrams
 * (with start and end markers), character 3- to 5-grams of each word (so typos and inflections
 * still share most features with the clean word), and a length bucket. Values are L2-normalised.
 */
export interface Features {
  indices: Int32Array;
  values: Float32Array;
}

const CHAR_GRAM_WEIGHT = 0.4;
const LEXICON_WEIGHT = 0.5;

/** FNV-1a over UTF-16 code units: fast, pure and identical on every platform. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function lengthBucket(tokens: number): string {
  if (tokens <= 3) return 'len:xs';
  if (tokens <= 8) return 'len:s';
  if (tokens <= 20) return 'len:m';
  return 'len:l';
}

export function featurise(text: string, dimBits: number): Features {
  const mask = (1 << dimBits) - 1;
  const counts = new Map<number, number>();
  const add = (feature: string, weight: number): void => {
    const index = hashString(feature) & mask;
    counts.set(index, (counts.get(index) ?? 0) + weight);
  };

  const tokens = tokenise(normaliseText(text));
  add('bias', 1);
  add(lengthBucket(tokens.length), 1);
  let previous = '^';
  for (const token of tokens) {
    add('w:' + token, 1);
    const negated = NEGATORS.has(previous);
    if (POSITIVE_WORDS.has(token)) add(negated ? 'lex:negated-positive' : 'lex:positive', LEXICON_WEIGHT);
    if (NEGATIVE_WORDS.has(token)) add(negated ? 'lex:negated-negative' : 'lex:negative', LEXICON_WEIGHT);
    if (FAILURE_WORDS.has(token)) add('lex:failure', LEXICON_WEIGHT);
    add('b:' + previous + ' ' + token, 1);
    previous = token;
    if (token.length >= 3 && /^\p{L}/u.test(token)) {
      const padded = ' ' + token + ' ';
      for (let n = 3; n <= 5; n++) {
        for (let i = 0; i + n <= padded.length; i++) add('c:' + padded.slice(i, i + n), CHAR_GRAM_WEIGHT);
      }
    }
  }
  add('b:' + previous + ' $', 1);

  const indices = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let norm = 0;
  let k = 0;
  for (const [index, count] of counts) {
    // Sublinear counts: a word said three times is not three times the evidence.
    const value = count > 1 ? 1 + Math.log(count) : count;
    indices[k] = index;
    values[k] = value;
    norm += value * value;
    k++;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
  return { indices, values };
}
