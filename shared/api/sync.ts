import { z } from 'zod';
import { defineCall, defineEvent } from './define';

/** A newer Caredesk exists than the one running (the server's sync protocol is newer). */
export const SyncUpdate = z.object({
  /** True: the server no longer accepts this version, and nothing syncs until Caredesk is updated. */
  required: z.boolean(),
  /** Changes from the server this version could not read and skipped; they arrive after the update. */
  skipped: z.number().int().nonnegative(),
});
export type SyncUpdate = z.infer<typeof SyncUpdate>;

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
  /** Null while this Caredesk is as new as the server. */
  update: SyncUpdate.nullable(),
});
export type SyncState = z.infer<typeof SyncState>;

export const syncStatus = defineCall('sync:status', z.object({}), SyncState);
export const syncCalls = { [syncStatus.name]: syncStatus } as const;

export const syncChanged = defineEvent('sync:changed', SyncState);
/** The session ended on the engine's side (expired or revoked token). */
export const sessionEnded = defineEvent('session:ended', z.object({ reason: z.string() }));
