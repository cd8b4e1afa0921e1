import { z } from 'zod';
import { ActionRef, onConversation } from './define';
import type { ConversationActionDefinition } from './define';

/** Joins the conversation's customer (all their identities, conversations, orders) into `customerId`. */
export const LinkAction = z.object({ type: z.literal('link'), ...onConversation, customerId: ActionRef });
export type LinkAction = z.infer<typeof LinkAction>;

export const link: ConversationActionDefinition<LinkAction> = {
  scope: 'conversation',
  schema: LinkAction,
  users: () => [],
  // The conversation keeps its fields; the customer behind it changes on the server.
  apply: (conversation) => conversation,
  check: () => undefined,
  describe: () => 'Link to another customer',
};
