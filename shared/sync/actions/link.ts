import { z } from 'zod';
import { CaredeskError } from '../../domain/errors';
import { ActionRef, onConversation } from './define';
import type { ConversationActionDefinition } from './define';

/**
 * Joins the conversation's customer (all their identities, conversations, orders) into `customerId`.
 * The server records what moved as a merge (its id is this action's id), which `undoMerge` reverses.
 */
export const LinkAction = z.object({ type: z.literal('link'), ...onConversation, customerId: ActionRef });
export type LinkAction = z.infer<typeof LinkAction>;

export const MERGE_INTO_ITSELF =
  'This conversation already belongs to that customer: a customer cannot be merged into itself.';

export const link: ConversationActionDefinition<LinkAction> = {
  scope: 'conversation',
  schema: LinkAction,
  users: () => [],
  // The conversation keeps its fields; the customer behind it changes on the server.
  apply: (conversation) => conversation,
  check: (action, { conversation }) => {
    if (action.customerId === conversation.customerId) throw new CaredeskError('invalid_input', MERGE_INTO_ITSELF);
  },
  describe: () => 'Link to another customer',
};
