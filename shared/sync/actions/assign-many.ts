import { z } from 'zod';
import { ActionRef, Target } from './define';
import type { ManyActionDefinition } from './define';
import type { AssignAction } from './assign';

/** Most conversations one bulk assignment may carry. */
export const MAX_BULK = 200;

/** Gives several conversations to `assigneeId` (or back to the queue) as one action. */
export const AssignManyAction = z.object({
  type: z.literal('assignMany'),
  items: z
    .array(Target)
    .min(1)
    .max(MAX_BULK)
    .refine((items) => new Set(items.map((item) => item.conversationId)).size === items.length, {
      message: 'Each conversation may appear once.',
    }),
  assigneeId: ActionRef.nullable(),
});
export type AssignManyAction = z.infer<typeof AssignManyAction>;

const conversations = (n: number) => (n === 1 ? '1 conversation' : `${n} conversations`);

export const assignMany: ManyActionDefinition<AssignManyAction, AssignAction> = {
  scope: 'conversations',
  schema: AssignManyAction,
  each: (action, target) => ({ type: 'assign', ...target, assigneeId: action.assigneeId }),
  describe: (action, names) =>
    action.assigneeId === null
      ? `Unassign ${conversations(action.items.length)}`
      : `Assign ${conversations(action.items.length)} to ${names.userName(action.assigneeId) ?? 'a teammate'}`,
};
