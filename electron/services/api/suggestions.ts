// Suggested replies: the latest inbound message of a conversation, read by the triage model and
// answered by the playbooks from the customer's record in the cache, each reply grounding-checked.
// When an admin turned the language model on and the renderer asks for it, the model rephrases
// them from the same facts, and each rephrased reply is checked again (services/assist).
import type { ApiHandlers } from '../../../shared/api';
import type { User } from '../../../shared/domain';
import { DEFAULT_POLICY, suggest, type SuggestPolicy } from '../../../shared/suggest';
import { triage } from '../../../shared/triage';
import { phraseSuggestions } from '../assist/phrase';
import type { AssistSettingsStore } from '../assist/settings';
import type { ChatFetch } from '../assist/client';
import { getConversation } from '../db/conversations';
import type { Db } from '../db/open';

interface SuggestionDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
  assist: AssistSettingsStore;
  /** The team's policy values; the defaults until teams can set their own. */
  policy?: SuggestPolicy;
  /** For tests: the model's deadline and the HTTP client that reaches it. */
  phraseTimeoutMs?: number;
  fetch?: ChatFetch;
}

type SuggestionHandlers = Pick<ApiHandlers, 'suggestions:forConversation'>;

export function suggestionHandlers(deps: SuggestionDeps): SuggestionHandlers {
  const { db, clock } = deps;
  const policy = deps.policy ?? DEFAULT_POLICY;
  return {
    'suggestions:forConversation': async ({ conversationId, phrase }) => {
      deps.requireUser();
      const detail = getConversation(db, conversationId);
      const target = await deps.assist.target();
      const assist = target === null ? 'off' : 'on';
      const latest = detail.messages.filter((m) => m.direction === 'inbound').at(-1);
      if (!latest) return { conversationId, analysis: null, suggestions: [], assist, phrasingNote: null };
      const read = triage(latest.body);
      const record = { customer: detail.customer, orders: detail.orders };
      const now = clock();
      // Replies go out on the conversation's channel (the channel of its latest inbound message).
      const channel = detail.conversation.channel;
      const { analysis, suggestions } = suggest({
        text: latest.body,
        channel,
        intent: read.intent,
        sentiment: read.sentiment,
        record,
        now,
        policy,
      });
      const own = suggestions.map((s) => ({ ...s, phrasedBy: 'caredesk' as const, phrasingNote: null }));
      const phrased =
        phrase && target !== null
          ? await phraseSuggestions({
              target,
              message: latest.body,
              channel,
              suggestions,
              record,
              now,
              policy,
              timeoutMs: deps.phraseTimeoutMs,
              fetch: deps.fetch,
            })
          : { suggestions: own, note: null };
      const order = analysis.order && detail.orders.find((o) => o.number === analysis.order?.number);
      return {
        conversationId,
        analysis: {
          messageId: latest.id,
          ...read,
          language: analysis.language.language,
          languageConfidence: analysis.language.confidence,
          entities: analysis.entities,
          order:
            order && analysis.order && analysis.order.why !== 'none'
              ? { id: order.id, number: order.number, why: analysis.order.why }
              : null,
        },
        suggestions: phrased.suggestions,
        assist,
        phrasingNote: phrased.note,
      };
    },
  };
}
