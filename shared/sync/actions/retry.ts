import { z } from 'zod';
import { ActionRef, onConversation } from './define';
import type { ConversationActionDefinition } from './define';

/**
 * Send a failed reply again (protocol 9): the server puts it back to `pending` and queues its
 * send; the conversation itself does not change. Only a reply the provider failed may be retried.
 */
export const RetryAction = z.object({ type: z.literal('retry'), ...onConversation, messageId: ActionRef });
export type RetryAction = z.infer<typeof RetryAction>;

export const retry: ConversationActionDefinition<RetryAction> = {
  scope: 'conversation',
  schema: RetryAction,
  users: () => [],
  apply: (conversation) => conversation,
  check: () => undefined,
  describe: () => 'Send the reply again',
};
