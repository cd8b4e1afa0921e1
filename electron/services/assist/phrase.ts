// Rephrases Caredesk's own suggested replies with a language model, from the same facts only. Each
// rephrased reply passes the same grounding check as the original, keeps every fact that resolves
// the question and fits the channel; otherwise Caredesk's wording stays, with the reason.
import type { Channel } from '../../../shared/domain/channels';
import {
  CHANNEL_LIMITS,
  groundSuggestion,
  type CustomerRecord,
  type Suggestion,
  type SuggestPolicy,
} from '../../../shared/suggest';
import { AssistError, chat, type ChatFetch, type ChatMessage } from './client';
import type { AssistTarget } from './settings';

/** The model has this long to phrase every reply of one message; then Caredesk's own wording is used. */
export const PHRASE_TIMEOUT_MS = 3000;

/** Facts a reply must keep: without them it no longer answers the question. */
const KEPT_FACTS = new Set<Suggestion['facts'][number]['kind']>(['order_number', 'tracking_number', 'url', 'amount']);

export interface PhraseInput {
  target: AssistTarget;
  /** The customer's message the replies answer. */
  message: string;
  channel: Channel;
  suggestions: readonly Suggestion[];
  record: CustomerRecord;
  now: number;
  policy: SuggestPolicy;
  timeoutMs?: number;
  fetch?: ChatFetch;
}

export type PhrasedSuggestion = Suggestion & { phrasedBy: 'caredesk' | 'model'; phrasingNote: string | null };

export interface Phrased {
  suggestions: PhrasedSuggestion[];
  /** Why some or all replies keep Caredesk's wording; null when the model phrased every sendable one. */
  note: string | null;
}

export async function phraseSuggestions(input: PhraseInput): Promise<Phrased> {
  const signal = AbortSignal.timeout(input.timeoutMs ?? PHRASE_TIMEOUT_MS);
  const outcomes = await Promise.all(
    input.suggestions.map(async (suggestion): Promise<PhrasedSuggestion> => {
      const own = { ...suggestion, phrasedBy: 'caredesk' as const, phrasingNote: null };
      // A reply that failed the check is not offered for sending; rewording it would not change that.
      if (!suggestion.sendable) return own;
      try {
        const text = await chat({ ...input.target, messages: promptFor(input, suggestion), signal }, input.fetch);
        const refusal = checkPhrasing(text, suggestion, input);
        return refusal === null
          ? { ...suggestion, text, phrasedBy: 'model', phrasingNote: null }
          : { ...own, phrasingNote: refusal };
      } catch (error) {
        if (error instanceof AssistError) return { ...own, phrasingNote: error.message };
        throw error;
      }
    }),
  );
  const notes = [...new Set(outcomes.map((s) => s.phrasingNote).filter((n): n is string => n !== null))];
  return {
    suggestions: outcomes,
    note: notes.length > 0 ? `Caredesk’s own wording is shown: ${notes.join(' ')}` : null,
  };
}

/** Null when the model's reply may replace Caredesk's; else why not. */
function checkPhrasing(text: string, suggestion: Suggestion, input: PhraseInput): string | null {
  const limit = CHANNEL_LIMITS[input.channel];
  if (limit !== null && text.length > limit)
    return `The model’s reply is ${text.length} characters, more than the ${limit} this channel takes.`;
  const grounding = groundSuggestion(text, input.record, { now: input.now, policy: input.policy });
  if (!grounding.ok) return `The model’s reply was refused: ${grounding.problems.map((p) => p.reason).join(' ')}`;
  const lower = text.toLowerCase();
  const dropped = suggestion.facts.filter((f) => KEPT_FACTS.has(f.kind) && !lower.includes(f.value.toLowerCase()));
  if (dropped.length > 0) return `The model’s reply left out ${dropped.map((f) => f.value).join(', ')}.`;
  return null;
}

function promptFor(input: PhraseInput, suggestion: Suggestion): ChatMessage[] {
  const limit = CHANNEL_LIMITS[input.channel];
  const facts = suggestion.facts.map((f) => `- ${f.kind}: ${f.value}`).join('\n');
  return [
    {
      role: 'system',
      content: [
        'You write replies for a customer-care agent of an online shop.',
        'Rewrite the draft reply so it reads naturally and warmly, in English, in the register of the channel.',
        'Use only the facts listed. Copy every order number, tracking number, link, amount, date, carrier,',
        'address and product name exactly as written; add no other numbers, dates, links, promises or names.',
        limit === null ? '' : `The reply must be at most ${limit} characters.`,
        'Answer with the reply text only.',
      ]
        .filter(Boolean)
        .join(' '),
    },
    {
      role: 'user',
      content: `Channel: ${input.channel}\nCustomer wrote:\n${input.message}\n\nFacts:\n${facts || '- none'}\n\nDraft reply:\n${suggestion.text}`,
    },
  ];
}
