import { describe, expect, it } from 'vitest';
import { featurise } from './features';
import { decodeBase64, encodeBase64, softmax } from './model';
import { normaliseText, tokenise } from './normalise';
import { INTENTS, SENTIMENTS, triage } from './index';

describe('normaliseText', () => {
  it('folds handles, links, emails, money and order numbers to tokens', () => {
    const tokens = tokenise(
      normaliseText('@BrandHelp @115712 order #104233 cost $40.50, see https://t.co/x1 or mail a@b.co'),
    );
    expect(tokens).toEqual(
      expect.arrayContaining(['xbrandx', 'xcustx', 'xnumx', 'xmoneyx', 'xurlx', 'xemailx', 'order', 'cost']),
    );
    expect(tokens).not.toContain('115712');
  });

  it('keeps emoji and question marks as tokens and shortens stretched words', () => {
    expect(tokenise(normaliseText('Sooooo good 😍 right?!'))).toEqual(['soo', 'good', '😍', 'right', '?', '!']);
  });

  it('reads curly apostrophes and html entities like the plain ones', () => {
    expect(tokenise(normaliseText("I’m &lt;3 don't"))).toEqual(['im', '3', 'dont']);
  });
});

describe('featurise', () => {
  it('is deterministic and unit length', () => {
    const a = featurise('where is my parcel?', 16);
    const b = featurise('where is my parcel?', 16);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    const norm = Array.from(a.values).reduce((s, v) => s + v * v, 0);
    expect(norm).toBeCloseTo(1, 5);
    for (const index of a.indices) expect(index).toBeLessThan(1 << 16);
  });
});

describe('base64 and softmax', () => {
  it('round-trip bytes of every length', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37) & 0xff);
      expect(Array.from(decodeBase64(encodeBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });

  it('gives probabilities that sum to one', () => {
    const p = softmax(Float64Array.from([1, 2, 1000]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(p[2]).toBeCloseTo(1, 9);
  });
});

describe('triage with the committed model', () => {
  it('labels every message with one intent and one sentiment from the taxonomy', () => {
    for (const text of ['', '🙂', '@115712', 'x'.repeat(5000)]) {
      const result = triage(text);
      expect(INTENTS).toContain(result.intent);
      expect(SENTIMENTS).toContain(result.sentiment);
      expect(result.intentConfidence).toBeGreaterThan(0);
      expect(result.intentConfidence).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ['where is my parcel? ordered last week', 'order_status'],
    ['please cancel my order', 'cancel_order'],
    ['I was charged twice this month', 'billing_problem'],
    ['my internet is down again', 'complaint_other'],
    ['I forgot my password', 'account_access'],
    ['tracking says delivered but nothing is here', 'delivery_problem'],
    ['the mug arrived smashed', 'damaged_or_wrong_item'],
  ])('reads %j as %s', (text, intent) => {
    expect(triage(text).intent).toBe(intent);
  });

  it.each([
    ['thank you so much, you are amazing!', 'positive'],
    ['worst service ever, I am furious', 'negative'],
    ['what time do you open on Sunday?', 'neutral'],
  ])('feels %j as %s', (text, sentiment) => {
    expect(triage(text).sentiment).toBe(sentiment);
  });
});
