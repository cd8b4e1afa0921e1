// Suggested replies: the latest inbound message of a conversation, read by the triage model and
// answered by the playbooks from the customer's record in the cache, each reply grounding-checked.
import type { ApiHandlers } from '../../../shared/api';
import type { User } from '../../../shared/domain';
import { DEFAULT_POLICY, suggest, type SuggestPolicy } from '../../../shared/suggest';
import { triage } from '../../../shared/triage';
import { getConversation } from '../db/conversations';
import type { Db } from '../db/open';

interface SuggestionDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
  /** The team's policy values; the defaults until teams can set their own. */
  policy?: SuggestPolicy;
}

type SuggestionHandlers = Pick<ApiHandlers, 'suggestions:forConversation'>;

export function suggestionHandlers(deps: SuggestionDeps): SuggestionHandlers {
  const { db, clock } = deps;
  return {
    'suggestions:forConversation': ({ conversationId }) => {
      deps.requireUser();
      const detail = getConversation(db, conversationId);
      const latest = detail.messages.filter((m) => m.direction === 'inbound').at(-1);
      if (!latest) return Promise.resolve({ conversationId, analysis: null, suggestions: [] });
      const read = triage(latest.body);
      const record = { customer: detail.customer, orders: detail.orders };
      const { analysis, suggestions } = suggest({
        text: latest.body,
        // Replies go out on the conversation's channel (the channel of its latest inbound message).
        channel: detail.conversation.channel,
        intent: read.intent,
        sentiment: read.sentiment,
        record,
        now: clock(),
        policy: deps.policy ?? DEFAULT_POLICY,
      });
      const order = analysis.order && detail.orders.find((o) => o.number === analysis.order?.number);
      return Promise.resolve({
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
        suggestions,
      });
    },
  };
}
