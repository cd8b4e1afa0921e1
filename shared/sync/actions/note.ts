import { z } from 'zod';
import { Body, onConversation } from './define';
import type { ConversationActionDefinition } from './define';
import { clip } from './words';

/** An internal note: seen by the team, never sent to the customer. */
export const NoteAction = z.object({ type: z.literal('note'), ...onConversation, body: Body });
export type NoteAction = z.infer<typeof NoteAction>;

export const note: ConversationActionDefinition<NoteAction> = {
  scope: 'conversation',
  schema: NoteAction,
  users: () => [],
  apply: (conversation) => conversation,
  check: () => undefined,
  describe: (action) => `Note: ${clip(action.body)}`,
};
