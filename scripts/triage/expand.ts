import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INTENTS, SENTIMENTS, type Intent, type Sentiment } from '../../shared/triage/taxonomy';
import { augment } from './augment';
import { pick, seededRandom } from '../../shared/random';

/**
 * Turns the example files in shared/triage/examples/ into labelled training messages. A file per
 * intent holds one template a line, `neg| text`, `neu| text` or `pos| text`, where `[a|b|]`
 * picks one alternative (possibly empty) and `{slot}` one value of a slot from slots.txt. Each
 * template yields several distinct messages, each then dressed as a channel would carry it
 * (handles, links, emoji, typos, slang, email greetings) by augment.ts.
 */
export interface Example {
  text: string;
  intent: Intent;
  sentiment: Sentiment;
  /** file:line of the template, for reading the data back. */
  source: string;
}

export const EXAMPLES_DIR = new URL('../../shared/triage/examples/', import.meta.url).pathname;

const SENTIMENT_CODES: Record<string, Sentiment> = { neg: 'negative', neu: 'neutral', pos: 'positive' };

type Node = string | { alternatives: Node[][] } | { slot: string };

/** Parses `text [a|b [c|d]] {slot}` into literal runs, alternations and slot references. */
export function parseTemplate(template: string): Node[] {
  let i = 0;
  const sequence = (inAlternation: boolean): Node[][] => {
    const alternatives: Node[][] = [[]];
    let literal = '';
    const flush = (): void => {
      if (literal) alternatives[alternatives.length - 1]!.push(literal);
      literal = '';
    };
    while (i < template.length) {
      const ch = template[i]!;
      if (ch === '[') {
        flush();
        i++;
        alternatives[alternatives.length - 1]!.push({ alternatives: sequence(true) });
      } else if (ch === ']' && inAlternation) {
        i++;
        flush();
        return alternatives;
      } else if (ch === '|' && inAlternation) {
        i++;
        flush();
        alternatives.push([]);
      } else if (ch === '{') {
        const end = template.indexOf('}', i);
        if (end < 0) throw new Error(`Unclosed slot in: ${template}`);
        flush();
        alternatives[alternatives.length - 1]!.push({ slot: template.slice(i + 1, end) });
        i = end + 1;
      } else {
        literal += ch;
        i++;
      }
    }
    if (inAlternation) throw new Error(`Unclosed [ in: ${template}`);
    flush();
    return alternatives;
  };
  return sequence(false)[0]!;
}

export type Slots = Map<string, Node[][]>;

/** Splits on the '|' that are not inside a [..] alternation. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === '|' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export function parseSlots(text: string): Slots {
  const slots: Slots = new Map();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`Slot line without '=': ${line}`);
    const name = line.slice(0, eq).trim();
    const values = splitTopLevel(line.slice(eq + 1)).map((v) => v.trim());
    slots.set(
      name,
      values.map((v) => parseTemplate(v)),
    );
  }
  return slots;
}

function render(nodes: Node[], slots: Slots, random: () => number, depth = 0): string {
  if (depth > 8) throw new Error('Slots nest too deep');
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') out += node;
    else if ('slot' in node) {
      const values = slots.get(node.slot);
      if (!values) throw new Error(`Unknown slot {${node.slot}}`);
      out += render(pick(random, values), slots, random, depth + 1);
    } else out += render(pick(random, node.alternatives), slots, random, depth + 1);
  }
  return out
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.?!])/g, '$1')
    .trim();
}

/** How many different texts a template can make, capped (slots count as their number of values). */
function variety(nodes: Node[], slots: Slots, cap: number): number {
  let total = 1;
  for (const node of nodes) {
    if (typeof node === 'string') continue;
    const options = 'slot' in node ? (slots.get(node.slot) ?? []) : node.alternatives;
    let sum = 0;
    for (const option of options) sum += variety(option, slots, cap);
    total = Math.min(cap, total * Math.max(1, sum));
  }
  return total;
}

export interface TemplateLine {
  intent: Intent;
  sentiment: Sentiment;
  nodes: Node[];
  source: string;
}

export function parseExampleFile(text: string, intent: Intent, file: string): TemplateLine[] {
  const lines: TemplateLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(neg|neu|pos)\|\s?(.*)$/.exec(line);
    if (!m) throw new Error(`${file}:${index + 1}: expected 'neg|', 'neu|' or 'pos|'`);
    lines.push({
      intent,
      sentiment: SENTIMENT_CODES[m[1]!]!,
      nodes: parseTemplate(m[2]!.replace(/\\n/g, '\n')),
      source: `${file}:${index + 1}`,
    });
  });
  return lines;
}

export function readTemplates(dir = EXAMPLES_DIR): { templates: TemplateLine[]; slots: Slots } {
  const slots = parseSlots(readFileSync(join(dir, 'slots.txt'), 'utf8'));
  const templates: TemplateLine[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && f !== 'slots.txt')
    .sort();
  for (const file of files) {
    const intent = file.replace(/(\.[a-z]+)?\.txt$/, '') as Intent;
    if (!INTENTS.includes(intent)) throw new Error(`${file}: not named after an intent`);
    templates.push(...parseExampleFile(readFileSync(join(dir, file), 'utf8'), intent, file));
  }
  return { templates, slots };
}

export interface ExpandOptions {
  seed: number;
  /** Most distinct texts drawn from one template. */
  perTemplate: number;
  /** Dressed copies of each drawn text. */
  dressings: number;
  /** Dressed copies of a line with no alternatives, which would otherwise weigh far less than a template. */
  literalDressings: number;
  /** Extra messages, as a share of the drawn texts, that carry two requests at once. */
  combined: number;
}

/** Intents that say what to do less precisely than the others (rule 1 of the labelling rules). */
const GENERAL: readonly Intent[] = ['complaint_other', 'product_question', 'praise', 'other'];

const JOINS = ['. Also, ', '. And ', '. PS ', ', also ', '! Oh and ', '. Another thing: ', '\n\n', ' + '];

/**
 * Two messages in one, labelled by the rules: the specific request wins over a general one, and
 * between two specific ones the first is acted on first. Any negative feeling makes it negative.
 */
export function combine(first: Example, second: Example, join: string): Example {
  const intent = GENERAL.includes(first.intent) && !GENERAL.includes(second.intent) ? second.intent : first.intent;
  const feelings = [first.sentiment, second.sentiment];
  const sentiment: Sentiment = feelings.includes('negative')
    ? 'negative'
    : feelings.includes('positive')
      ? 'positive'
      : 'neutral';
  const text = first.text.replace(/[.!?]+$/, '') + join + second.text;
  return { text, intent, sentiment, source: `${first.source} + ${second.source}` };
}

export function expandTemplates(templates: TemplateLine[], slots: Slots, options: ExpandOptions): Example[] {
  const random = seededRandom(options.seed);
  const examples: Example[] = [];
  const seen = new Set<string>();
  const drawn: Example[] = [];
  for (const template of templates) {
    const wanted = Math.max(1, Math.min(options.perTemplate, variety(template.nodes, slots, 64)));
    const texts = new Set<string>();
    for (let attempt = 0; texts.size < wanted && attempt < wanted * 4; attempt++) {
      texts.add(render(template.nodes, slots, random));
    }
    const dressings = texts.size === 1 ? options.literalDressings : options.dressings;
    for (const text of texts) {
      drawn.push({ text, intent: template.intent, sentiment: template.sentiment, source: template.source });
      const dressed = [text];
      for (let d = 0; d < dressings; d++) dressed.push(augment(text, template.sentiment, random));
      for (const t of dressed) {
        const key = `${template.intent}\u0000${t}`;
        if (seen.has(key) || !t) continue;
        seen.add(key);
        examples.push({ text: t, intent: template.intent, sentiment: template.sentiment, source: template.source });
      }
    }
  }
  const combinations = Math.round(options.combined * drawn.length);
  for (let k = 0; k < combinations && drawn.length > 1; k++) {
    const first = pick(random, drawn);
    const second = pick(random, drawn);
    if (first.intent === second.intent) continue;
    const joined = combine(first, second, pick(random, JOINS));
    examples.push({ ...joined, text: augment(joined.text, joined.sentiment, random) });
  }
  return examples;
}

export function buildExamples(options: ExpandOptions, dir = EXAMPLES_DIR): Example[] {
  const { templates, slots } = readTemplates(dir);
  return expandTemplates(templates, slots, options);
}

export { SENTIMENTS };
