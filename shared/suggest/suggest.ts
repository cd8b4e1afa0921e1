import type { Channel } from '../domain/channels';
import type { Intent, Sentiment } from '../triage/taxonomy';
import type { Draft, PlaybookContext } from './draft';
import type { ExtractedEntities } from './entities';
import { extractEntities } from './extract';
import { guessLanguage, type Language } from './language';
import { selectOrder, type OrderChoice } from './orders';
import { runPlaybook } from './playbooks';
import { DEFAULT_POLICY, type SuggestPolicy } from './policy';
import { render } from './register';
import { groundSuggestion } from './ground';
import type { CustomerRecord, Fact, Suggestion } from './types';

export interface SuggestInput {
  text: string;
  channel: Channel;
  intent: Intent;
  sentiment: Sentiment;
  record: CustomerRecord;
  now: number;
  policy?: SuggestPolicy;
}

export interface Analysis {
  language: { language: Language; confidence: number };
  entities: ExtractedEntities;
  order: { number: string; why: OrderChoice } | null;
}

export interface Reply {
  rank: number;
  playbook: string;
  text: string;
  facts: Fact[];
}

/** What a message names and which order it is about, then one to three ranked replies. */
export function draftReplies(input: SuggestInput): { analysis: Analysis; replies: Reply[] } {
  const entities = extractEntities(input.text, input.record.orders, input.now);
  const chosen = selectOrder(entities, input.record.orders);
  const ctx: PlaybookContext = {
    record: input.record,
    order: chosen.order,
    text: input.text,
    entities,
    channel: input.channel,
    sentiment: input.sentiment,
    now: input.now,
    policy: input.policy ?? DEFAULT_POLICY,
  };
  const drafts: Draft[] = runPlaybook(input.intent, ctx);
  return {
    analysis: {
      language: guessLanguage(input.text),
      entities,
      order: chosen.order ? { number: chosen.order.number, why: chosen.why } : null,
    },
    replies: drafts.map((draft, i) => ({ rank: i + 1, playbook: draft.playbook, ...render(draft, ctx) })),
  };
}

/**
 * The suggestions for one inbound message: the playbook's replies, each checked against the
 * record. A reply that fails the check is still shown, with its problems, but never sendable.
 */
export function suggest(input: SuggestInput): { analysis: Analysis; suggestions: Suggestion[] } {
  const { analysis, replies } = draftReplies(input);
  const options = { now: input.now, policy: input.policy ?? DEFAULT_POLICY };
  return {
    analysis,
    suggestions: replies.map((reply) => {
      const grounding = groundSuggestion(reply.text, input.record, options);
      return { ...reply, sendable: grounding.ok, problems: grounding.problems };
    }),
  };
}
