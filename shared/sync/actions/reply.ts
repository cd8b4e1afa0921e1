import { z } from 'zod';
import { SuggestionOutcome } from '../../domain/entities';
import { previewOf } from '../../domain/preview';
import { Body, onConversation } from './define';
import type { ConversationActionDefinition } from './define';
import { clip } from './words';

export const ReplyAction = z.object({
  type: z.literal('reply'),
  ...onConversation,
  body: Body,
  /** What the rep did with the suggestions offered for this reply (sync protocol 21 on). */
  suggestion: SuggestionOutcome.optional(),
});
export type ReplyAction = z.infer<typeof ReplyAction>;

export const reply: ConversationActionDefinition<ReplyAction> = {
  scope: 'conversation',
  schema: ReplyAction,
  users: () => [],
  // A reply older than the newest message (clocks of several processes) leaves the summary alone.
  apply: (conversation, action, at) =>
    at >= conversation.lastMessageAt
      ? { ...conversation, lastMessageAt: at, lastMessagePreview: previewOf(action.body), waitingSince: null }
      : conversation,
  check: () => undefined,
  describe: (action) => `Reply: ${clip(action.body)}`,
};
