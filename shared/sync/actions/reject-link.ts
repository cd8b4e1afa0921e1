import { z } from 'zod';
import { CaredeskError } from '../../domain/errors';
import { ActionRef, onConversation } from './define';
import type { ConversationActionDefinition } from './define';

/** "Not this customer": the suggested link is kept as rejected, so the same customer is not suggested again. */
export const RejectLinkAction = z.object({ type: z.literal('rejectLink'), ...onConversation, customerId: ActionRef });
export type RejectLinkAction = z.infer<typeof RejectLinkAction>;

export const rejectLink: ConversationActionDefinition<RejectLinkAction> = {
  scope: 'conversation',
  schema: RejectLinkAction,
  users: () => [],
  apply: (conversation, action) =>
    conversation.linkSuggestions?.some((s) => s.customerId === action.customerId && s.state === 'open')
      ? {
          ...conversation,
          linkSuggestions: conversation.linkSuggestions.map((s) =>
            s.customerId === action.customerId ? { ...s, state: 'rejected' as const } : s,
          ),
        }
      : conversation,
  check: (action, { conversation }) => {
    if (!conversation.linkSuggestions?.some((s) => s.customerId === action.customerId)) {
      throw new CaredeskError('not_found', 'That customer is not suggested for this conversation.');
    }
  },
  describe: () => 'Reject suggested customer',
};
