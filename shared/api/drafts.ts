import { z } from 'zod';
import { defineCall } from './define';

/**
 * What the rep typed and has not sent, per conversation: the reply and the internal note. Kept in
 * the engine's cache only (never synced), so a reload or a restart loses nothing; sent or emptied,
 * it is gone. Signing out empties it with the rest of the cache.
 */
export const DraftKind = z.enum(['reply', 'note']);
export type DraftKind = z.infer<typeof DraftKind>;

export const Draft = z.object({
  conversationId: z.string().min(1).max(128),
  kind: DraftKind,
  /** An empty body removes the draft. Longer than a reply may be: nothing typed is cut. */
  body: z.string().max(100_000),
});
export type Draft = z.infer<typeof Draft>;

/** Every draft of a conversation still in the cache. */
export const draftsList = defineCall('drafts:list', z.object({}), z.object({ drafts: z.array(Draft) }));

export const draftsSave = defineCall('drafts:save', Draft, z.object({ ok: z.literal(true) }));

export const draftCalls = {
  [draftsList.name]: draftsList,
  [draftsSave.name]: draftsSave,
} as const;
