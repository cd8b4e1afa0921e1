import { z } from 'zod';
import { ActionRef, onConversation } from './define';
import type { ConversationActionDefinition } from './define';

/**
 * Reverses a merge (a `link`) of the conversation's customer: the merged-away customer comes back
 * with the same id, its identities as they were, its orders and conversations. Made on a
 * conversation of the customer the merge went into; the server refuses it (`conflict`) when later
 * changes touched what moved.
 */
export const UndoMergeAction = z.object({ type: z.literal('undoMerge'), ...onConversation, mergeId: ActionRef });
export type UndoMergeAction = z.infer<typeof UndoMergeAction>;

export const undoMerge: ConversationActionDefinition<UndoMergeAction> = {
  scope: 'conversation',
  schema: UndoMergeAction,
  users: () => [],
  // The conversation keeps its fields; its customer may change on the server.
  apply: (conversation) => conversation,
  check: () => undefined,
  describe: () => 'Undo a merge',
};
