import { z } from 'zod';
import { ackOf } from './ack';

/**
 * Live presence, kept in server memory per socket and never in the change log: who is online,
 * and who is viewing or typing in which conversation (collision detection). It reaches the
 * members of the user's teams; an engine that (re)connects asks for the current list.
 */
export const RepStatus = z.enum(['online', 'away', 'offline']);
export type RepStatus = z.infer<typeof RepStatus>;

/** client → server: this socket's presence now. */
export const PresenceUpdate = z.object({
  status: z.enum(['online', 'away']),
  /** The conversation open on screen, if any. */
  viewing: z.string().min(1).max(128).nullable(),
  /** True while the rep is writing in `viewing`'s composer. */
  typing: z.boolean(),
});
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;

/** One socket's presence; `status: offline` means that socket is gone. */
export const PresenceEntry = PresenceUpdate.extend({
  socketId: z.string(),
  userId: z.string(),
  status: RepStatus,
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

export const PresenceListAck = ackOf(z.object({ entries: z.array(PresenceEntry) }));
export type PresenceListAck = z.infer<typeof PresenceListAck>;

export const PresenceEvents = {
  /** client → server, no ack: PresenceUpdate */
  update: 'presence:update',
  /** client → server, with ack: {} → PresenceListAck (every socket in the user's teams) */
  list: 'presence:list',
  /** server → client: PresenceEntry */
  changed: 'presence:changed',
} as const;
