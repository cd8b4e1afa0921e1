import { z } from 'zod';
import { CaredeskError } from '../../domain/errors';
import { onConversation } from './define';
import type { ConversationActionDefinition } from './define';

/** Hides the conversation until `until` (epoch ms), when it comes back open. */
export const SnoozeAction = z.object({
  type: z.literal('snooze'),
  ...onConversation,
  until: z.number().int().positive(),
});
export type SnoozeAction = z.infer<typeof SnoozeAction>;

export const snooze: ConversationActionDefinition<SnoozeAction> = {
  scope: 'conversation',
  schema: SnoozeAction,
  users: () => [],
  apply: (conversation, action) => ({ ...conversation, status: 'snoozed', snoozedUntil: action.until }),
  check: (action, { now }) => {
    if (action.until <= now) throw new CaredeskError('invalid_input', 'Pick a time in the future to snooze until.');
  },
  describe: () => 'Snooze',
};
