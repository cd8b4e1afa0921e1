import { z } from 'zod';
import type { Conversation, User } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { reachOf } from '../../domain/permissions';
import { ActionRef, named, onConversation } from './define';
import type { CheckContext, ConversationActionDefinition } from './define';

/** Gives the conversation to `assigneeId`, or back to the team's queue (null). */
export const AssignAction = z.object({
  type: z.literal('assign'),
  ...onConversation,
  assigneeId: ActionRef.nullable(),
});
export type AssignAction = z.infer<typeof AssignAction>;

/**
 * Who may assign what (checked by the engine before queuing and by the server on its own row,
 * whatever `seenAssigneeId` the engine sent):
 * - leads and admins: any conversation of their teams, to any member of its team or to nobody;
 * - reps: only a conversation that is unassigned or their own — they take it, hand it to a
 *   member of its team or return it to the queue; never one a lead gave to someone else.
 */
export function checkAssignment(
  actor: User,
  conversation: Conversation,
  assigneeId: string | null,
  user: CheckContext['user'],
): void {
  if (
    reachOf(actor.role, 'assign') === 'own' &&
    conversation.assigneeId !== null &&
    conversation.assigneeId !== actor.id
  ) {
    const holder = user(conversation.assigneeId)?.name ?? 'another rep';
    throw new CaredeskError('forbidden', `This conversation is assigned to ${holder}; only a lead can move it.`);
  }
  if (assigneeId === null || assigneeId === conversation.assigneeId) return;
  if (!user(assigneeId)?.teamIds.includes(conversation.teamId)) {
    throw new CaredeskError('invalid_input', 'That person is not a member of this conversation’s team.');
  }
}

export const assign: ConversationActionDefinition<AssignAction> = {
  scope: 'conversation',
  schema: AssignAction,
  users: (action) => named(action.assigneeId),
  // A person's assignment replaces routing's: the reason routing gave no longer holds.
  apply: (conversation, action) => {
    const next = { ...conversation, assigneeId: action.assigneeId };
    delete next.assignedReason;
    return next;
  },
  check: (action, { actor, conversation, user }) => checkAssignment(actor, conversation, action.assigneeId, user),
  describe: (action, names) =>
    action.assigneeId === null ? 'Unassign' : `Assign to ${names.userName(action.assigneeId) ?? 'a teammate'}`,
};
