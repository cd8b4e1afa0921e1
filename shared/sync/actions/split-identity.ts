import { z } from 'zod';
import { ActionRef, onConversation } from './define';
import type { ConversationActionDefinition } from './define';

/**
 * Moves one identity of the conversation's customer (added by mistake) to a new customer named
 * after it. A conversation that can only have come through that identity follows it (server
 * `services/actions/split.ts`).
 */
export const SplitIdentityAction = z.object({
  type: z.literal('splitIdentity'),
  ...onConversation,
  identityId: ActionRef,
});
export type SplitIdentityAction = z.infer<typeof SplitIdentityAction>;

export const splitIdentity: ConversationActionDefinition<SplitIdentityAction> = {
  scope: 'conversation',
  schema: SplitIdentityAction,
  users: () => [],
  // The conversation keeps its fields; its customer may change on the server.
  apply: (conversation) => conversation,
  check: () => undefined,
  describe: () => 'Split off an identity',
};
