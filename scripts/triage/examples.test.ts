import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTENTS, SENTIMENTS } from '../../shared/triage/taxonomy';
import { readCsvObjects } from './csv';
import {
  buildExamples,
  combine,
  expandTemplates,
  parseExampleFile,
  parseSlots,
  parseTemplate,
  type Example,
} from './expand';
import { DEFAULT_OPTIONS } from './train';

/**
 * The labelled evaluation files live beside the repository (../shared/data/, or CAREDESK_EVAL_DATA).
 * They are third-party text kept out of the repository, so a checkout without them cannot run
 * the leak check; every other test here still runs.
 */
const EVAL_DIR = process.env.CAREDESK_EVAL_DATA ?? new URL('../../../shared/data/', import.meta.url).pathname;
const EVAL_FILES = ['support_intents_dev.csv', 'real_tweets_dev.csv'].map((f) => join(EVAL_DIR, f));
const haveEvalFiles = EVAL_FILES.every((f) => existsSync(f));

/** Case, handles, links, numbers and punctuation folded away: what is left is the wording. */
function wording(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

const examples = buildExamples(DEFAULT_OPTIONS.expand);

describe('training examples', () => {
  it('cover every intent and every sentiment, in thousands', () => {
    expect(examples.length).toBeGreaterThan(5000);
    for (const intent of INTENTS) {
      expect(examples.filter((e) => e.intent === intent).length, intent).toBeGreaterThan(200);
    }
    for (const sentiment of SENTIMENTS) {
      expect(examples.filter((e) => e.sentiment === sentiment).length, sentiment).toBeGreaterThan(1000);
    }
  });

  it('expand the same way from the same seed', () => {
    expect(buildExamples(DEFAULT_OPTIONS.expand)).toEqual(examples);
  });

  it.skipIf(!haveEvalFiles)('share no wording with any evaluation row', () => {
    const evaluation = new Set<string>();
    for (const file of EVAL_FILES) {
      for (const row of readCsvObjects(readFileSync(file, 'utf8')).rows) evaluation.add(wording(row.text ?? ''));
    }
    // A message of emoji, handles and links alone has no wording to share.
    evaluation.delete('');
    expect(evaluation.size).toBeGreaterThan(4000);
    const leaked = examples.filter((e) => evaluation.has(wording(e.text))).map((e) => `${e.source}: ${e.text}`);
    expect(leaked).toEqual([]);
  });
});

describe('template syntax', () => {
  it('picks alternatives, empty ones and nested ones, and fills slots', () => {
    const slots = parseSlots('thing = parcel | [small|big] box\n');
    const templates = parseExampleFile('neu| where is my {thing} [please|]?\n', 'order_status', 't.txt');
    const texts = new Set(
      expandTemplates(templates, slots, {
        seed: 1,
        perTemplate: 20,
        dressings: 0,
        literalDressings: 0,
        combined: 0,
      }).map((e) => e.text),
    );
    expect(texts).toEqual(
      new Set([
        'where is my parcel please?',
        'where is my parcel?',
        'where is my small box please?',
        'where is my small box?',
        'where is my big box please?',
        'where is my big box?',
      ]),
    );
  });

  it('rejects an unclosed alternative and an unknown sentiment code', () => {
    expect(() => parseTemplate('where is [my|the order')).toThrow(/Unclosed/);
    expect(() => parseExampleFile('bad| text', 'other', 'x.txt')).toThrow(/x.txt:1/);
  });
});

describe('combine', () => {
  const make = (intent: Example['intent'], sentiment: Example['sentiment']): Example => ({
    text: `${intent} text.`,
    intent,
    sentiment,
    source: intent,
  });

  it('lets a specific request win over a general one, and the first of two specific ones', () => {
    expect(combine(make('praise', 'positive'), make('refund', 'neutral'), '. ').intent).toBe('refund');
    expect(combine(make('refund', 'neutral'), make('praise', 'positive'), '. ').intent).toBe('refund');
    expect(combine(make('cancel_order', 'neutral'), make('refund', 'neutral'), '. ').intent).toBe('cancel_order');
    expect(combine(make('other', 'neutral'), make('product_question', 'neutral'), '. ').intent).toBe('other');
  });

  it('is negative when either part is, positive when either part is and neither is negative', () => {
    expect(combine(make('praise', 'positive'), make('refund', 'negative'), '. ').sentiment).toBe('negative');
    expect(combine(make('praise', 'positive'), make('refund', 'neutral'), '. ').sentiment).toBe('positive');
    expect(combine(make('other', 'neutral'), make('refund', 'neutral'), '. ').text).toBe('other text. refund text.');
  });
});
