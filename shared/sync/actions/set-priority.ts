import { z } from 'zod';
import { ConversationPriority } from '../../domain/entities';
import type { Conversation, User } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { reachOf } from '../../domain/permissions';
import { onConversation } from './define';
import type { CheckContext, ConversationActionDefinition } from './define';

/**
 * Sets the priority a person chose (protocol 15): it replaces triage's for the service levels and
 * comes first in routing's queue. Null returns it to automatic (triage's urgency).
 */
export const SetPriorityAction = z.object({
  type: z.literal('setPriority'),
  ...onConversation,
  priority: ConversationPriority.nullable(),
});
export type SetPriorityAction = z.infer<typeof SetPriorityAction>;

/**
 * Who may set a conversation's priority (`prioritize`): leads and admins on any conversation of
 * their teams; reps on one that is unassigned or their own, never on one someone else holds.
 */
export function checkPrioritize(actor: User, conversation: Conversation, user: CheckContext['user']): void {
  const reach = reachOf(actor.role, 'prioritize');
  if (reach === 'none') throw new CaredeskError('forbidden', 'You cannot change the priority of conversations.');
  if (reach === 'own' && conversation.assigneeId !== null && conversation.assigneeId !== actor.id) {
    const holder = user(conversation.assigneeId)?.name ?? 'another rep';
    throw new CaredeskError(
      'forbidden',
      `This conversation is assigned to ${holder}; only they or a lead can change its priority.`,
    );
  }
}

export const setPriority: ConversationActionDefinition<SetPriorityAction> = {
  scope: 'conversation',
  schema: SetPriorityAction,
  // Names no user: a refusal names the holder where the deciding side knows them (the engine's cache), as assign does.
  users: () => [],
  // Automatic is no field at all, as the server stores and sends it.
  apply: (conversation, action) => {
    const next = { ...conversation };
    if (action.priority === null) delete next.priority;
    else next.priority = action.priority;
    return next;
  },
  check: (_action, { actor, conversation, user }) => checkPrioritize(actor, conversation, user),
  describe: (action) =>
    action.priority === null ? 'Return priority to automatic' : `Set priority to ${action.priority}`,
};
