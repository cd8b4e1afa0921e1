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

export const ConversationSuggestions = z.object({
  conversationId: z.string(),
  /** Null when the conversation has no inbound message to answer. */
  analysis: MessageAnalysis.nullable(),
  /** Best first; only a `sendable` one may be sent with one key, the others show their `problems`. */
  suggestions: z.array(Suggestion),
});
export type ConversationSuggestions = z.infer<typeof ConversationSuggestions>;
/** One ranked reply, with the facts it quotes and, when it failed the grounding check, why. */
export type SuggestedReply = z.infer<typeof Suggestion>;

/** Ranked replies to the conversation's latest inbound message, filled and checked against the customer's record. */
export const suggestionsForConversation = defineCall(
  'suggestions:forConversation',
  z.object({ conversationId: z.string().min(1).max(128) }),
  ConversationSuggestions,
);

export const suggestionCalls = {
  [suggestionsForConversation.name]: suggestionsForConversation,
} as const;
