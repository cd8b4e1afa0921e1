import { z } from 'zod';
import { CannedResolution } from '../domain/entities';
import { SaveResolutionAction } from '../sync/actions/resolutions';
import { defineCall, defineEvent } from './define';

/**
 * The rep's canned resolutions: their own, and their teams' (`teamId`; written by the team's leads
 * and admins). Saving and deleting are actions on no conversation: written to the outbox, shown at
 * once (`pending` until the server has them), sent in order, refused and undone like any other. A
 * rep's own travel to this rep's engines alone, a team's to its members'.
 */
export const ResolutionView = CannedResolution.extend({ pending: z.boolean() });
export type ResolutionView = z.infer<typeof ResolutionView>;

export const resolutionsList = defineCall(
  'resolutions:list',
  z.object({}),
  z.object({ resolutions: z.array(ResolutionView) }),
);

/** Without an id, a new canned resolution; with one, an edit of it. With `teamId`, one of that team's. */
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
