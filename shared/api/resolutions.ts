import { z } from 'zod';
import { CannedResolution } from '../domain/entities';
import { SaveResolutionAction } from '../sync/actions/resolutions';
import { defineCall, defineEvent } from './define';

/**
 * The rep's own canned resolutions. Saving and deleting are actions on no conversation: written
 * to the outbox, shown at once (`pending` until the server has them), sent in order, refused and
 * undone like any other. They travel to this rep's engines alone.
 */
export const ResolutionView = CannedResolution.extend({ pending: z.boolean() });
export type ResolutionView = z.infer<typeof ResolutionView>;

export const resolutionsList = defineCall(
  'resolutions:list',
  z.object({}),
  z.object({ resolutions: z.array(ResolutionView) }),
);

/** Without an id, a new canned resolution; with one, an edit of it. */
export const resolutionsSave = defineCall(
  'resolutions:save',
  SaveResolutionAction.shape.resolution.partial({ id: true }),
  z.object({ actionId: z.string(), id: z.string() }),
);

export const resolutionsDelete = defineCall(
  'resolutions:delete',
  z.object({ id: z.string().min(1).max(128) }),
  z.object({ actionId: z.string() }),
);

export const resolutionCalls = {
  [resolutionsList.name]: resolutionsList,
  [resolutionsSave.name]: resolutionsSave,
  [resolutionsDelete.name]: resolutionsDelete,
} as const;

/** The rep's canned resolutions changed (here, on another of their devices, or refused by the server). */
export const resolutionsChanged = defineEvent('resolutions:changed', z.object({}));
