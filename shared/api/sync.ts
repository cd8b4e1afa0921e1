import { z } from 'zod';
import { defineCall, defineEvent } from './define';

export const SyncState = z.object({
  connection: z.enum(['online', 'offline', 'syncing']),
  /** Epoch ms of the last completed pull; null before the first. */
  lastSyncedAt: z.number().int().nullable(),
  /** Actions (replies, assignments, notes, …) written locally and not yet acknowledged by the server. */
  pendingActions: z.number().int().nonnegative(),
  /** Actions the server refused that the rep has not dismissed yet. */
  rejectedActions: z.number().int().nonnegative(),
  /** Why the connection is down, in words for the rep. */
  detail: z.string().nullable(),
});
export type SyncState = z.infer<typeof SyncState>;

export const syncStatus = defineCall('sync:status', z.object({}), SyncState);
export const syncCalls = { [syncStatus.name]: syncStatus } as const;

export const syncChanged = defineEvent('sync:changed', SyncState);
/** The session ended on the engine's side (expired or revoked token). */
export const sessionEnded = defineEvent('session:ended', z.object({ reason: z.string() }));
