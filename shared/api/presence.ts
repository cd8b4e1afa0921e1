import { z } from 'zod';
import { RepStatus } from '../sync/presence';
import { defineCall, defineEvent } from './define';

/** Who else is around, as the signed-in rep sees it (they themselves are left out). */
export const RepPresence = z.object({
  userId: z.string(),
  name: z.string(),
  status: RepStatus,
  /** Conversations they have open. */
  viewing: z.array(z.string()),
  /** Conversations they are writing a reply in. */
  typing: z.array(z.string()),
});
export type RepPresence = z.infer<typeof RepPresence>;

export const PresenceView = z.object({ reps: z.array(RepPresence) });
export type PresenceView = z.infer<typeof PresenceView>;

export const setPresence = defineCall(
  'presence:set',
  z.object({
    status: z.enum(['online', 'away']),
    viewing: z.string().min(1).max(128).nullable(),
    typing: z.boolean(),
  }),
  z.object({}),
);
export const getPresence = defineCall('presence:get', z.object({}), PresenceView);

export const presenceCalls = { [setPresence.name]: setPresence, [getPresence.name]: getPresence } as const;

export const presenceChanged = defineEvent('presence:changed', PresenceView);
