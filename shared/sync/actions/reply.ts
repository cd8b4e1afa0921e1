import { z } from 'zod';
import { previewOf } from '../../domain/preview';
import { Body, onConversation } from './define';
import type { ConversationActionDefinition } from './define';
import { clip } from './words';

export const ReplyAction = z.object({ type: z.literal('reply'), ...onConversation, body: Body });
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
