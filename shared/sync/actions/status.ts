import { z } from 'zod';
import { onConversation } from './define';
import type { ConversationActionDefinition } from './define';

/** `closed` resolves, `open` reopens. */
export const StatusAction = z.object({
  type: z.literal('status'),
  ...onConversation,
  status: z.enum(['open', 'closed']),
});
export type StatusAction = z.infer<typeof StatusAction>;

export const status: ConversationActionDefinition<StatusAction> = {
  scope: 'conversation',
  schema: StatusAction,
  users: () => [],
  // Resolving answers the customer's wait; reopening leaves `waitingSince` as the messages set it.
  apply: (conversation, action) =>
    action.status === 'closed'
      ? { ...conversation, status: 'closed', snoozedUntil: null, waitingSince: null }
      : { ...conversation, status: 'open', snoozedUntil: null },
  check: () => undefined,
  describe: (action) => (action.status === 'closed' ? 'Resolve' : 'Reopen'),
};
