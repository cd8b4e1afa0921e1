import { z } from 'zod';
import { ExtractedEntities, LANGUAGES, Suggestion } from '../suggest';
import { intentSchema, sentimentSchema } from '../triage/taxonomy';
import { defineCall } from './define';

/** What the engine read in the conversation's latest inbound message. */
export const MessageAnalysis = z.object({
  messageId: z.string(),
  intent: intentSchema,
  intentConfidence: z.number(),
  sentiment: sentimentSchema,
  sentimentConfidence: z.number(),
  language: z.enum(LANGUAGES),
  languageConfidence: z.number(),
  entities: ExtractedEntities,
  /** The order the message is about and why that one: named, holding a named product, undelivered or newest. */
  order: z
    .object({ id: z.string(), number: z.string(), why: z.enum(['named', 'product', 'undelivered', 'recent']) })
    .nullable(),
});
export type MessageAnalysis = z.infer<typeof MessageAnalysis>;

/** A suggested reply as the rep sees it: Caredesk's wording, or the language model's when it passed every check. */
export const SuggestionView = Suggestion.extend({
  phrasedBy: z.enum(['caredesk', 'model']),
  /** Why the model's wording was not used for this reply; null when it was, or was not asked. */
  phrasingNote: z.string().nullable(),
});

export const ConversationSuggestions = z.object({
  conversationId: z.string(),
  /** Null when the conversation has no inbound message to answer. */
  analysis: MessageAnalysis.nullable(),
  /** Best first; only a `sendable` one may be sent with one key, the others show their `problems`. */
  suggestions: z.array(SuggestionView),
  /** Whether an admin turned the language model on: then the renderer may ask again with `phrase`. */
  assist: z.enum(['off', 'on']),
  /** With `phrase`: why some replies keep Caredesk's wording (timeout, refused check); else null. */
  phrasingNote: z.string().nullable(),
});
export type ConversationSuggestions = z.infer<typeof ConversationSuggestions>;
/** One ranked reply, with the facts it quotes and, when it failed the grounding check, why. */
export type SuggestedReply = z.infer<typeof SuggestionView>;

/**
 * Ranked replies to the conversation's latest inbound message, filled and checked against the
 * customer's record. Without `phrase` nothing leaves the machine.
 */
export const suggestionsForConversation = defineCall(
  'suggestions:forConversation',
  z.object({
    conversationId: z.string().min(1).max(128),
    /** Ask the language model (when on) to phrase the replies; waits at most 3 s for it. */
    phrase: z.boolean().default(false),
  }),
  ConversationSuggestions,
);

export const suggestionCalls = {
  [suggestionsForConversation.name]: suggestionsForConversation,
} as const;
