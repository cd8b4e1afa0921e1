import { z } from 'zod';
import type { CannedResolution } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { storableText } from '../text';
import { ActionRef, Body } from './define';
import type { LibraryActionDefinition, LibraryContext } from './define';
import { clip } from './words';

/** Most personal canned resolutions one rep may keep. */
export const MAX_PERSONAL_RESOLUTIONS = 500;

const Title = storableText(z.string().trim().min(1).max(120));

/** Creates or edits one of the rep's own canned resolutions (by id). */
export const SaveResolutionAction = z.object({
  type: z.literal('saveResolution'),
  resolution: z.object({ id: ActionRef, title: Title, body: Body }),
});
export type SaveResolutionAction = z.infer<typeof SaveResolutionAction>;

/** Deletes one of the rep's own canned resolutions. */
export const DeleteResolutionAction = z.object({ type: z.literal('deleteResolution'), resolutionId: ActionRef });
export type DeleteResolutionAction = z.infer<typeof DeleteResolutionAction>;

function unknownResolution(): CaredeskError {
  return new CaredeskError('not_found', 'That canned resolution does not exist or is not yours.');
}

/** Titles are compared without case or surrounding space: "Refund sent" and "refund sent " are one. */
const titleKey = (title: string) => title.trim().toLocaleLowerCase();

export const saveResolution: LibraryActionDefinition<SaveResolutionAction> = {
  scope: 'none',
  schema: SaveResolutionAction,
  ids: (action) => [action.resolution.id],
  apply(items, action, ctx) {
    const { id, title, body } = action.resolution;
    const saved: CannedResolution = { id, ownerId: ctx.actor.id, title, body, updatedAt: ctx.now };
    return items.some((item) => item.id === id)
      ? items.map((item) => (item.id === id ? saved : item))
      : [...items, saved];
  },
  check(action, ctx) {
    const { id, title } = action.resolution;
    const existing = ctx.items.find((item) => item.id === id);
    if (existing && existing.ownerId !== ctx.actor.id) throw unknownResolution();
    const clash = ctx.items.find(
      (item) => item.id !== id && item.ownerId === ctx.actor.id && titleKey(item.title) === titleKey(title),
    );
    if (clash) throw new CaredeskError('conflict', `You already have a canned resolution called “${clash.title}”.`);
    const own = ctx.items.filter((item) => item.ownerId === ctx.actor.id).length;
    if (!existing && own >= MAX_PERSONAL_RESOLUTIONS) {
      throw new CaredeskError(
        'invalid_input',
        `You can keep at most ${MAX_PERSONAL_RESOLUTIONS} canned resolutions; delete one you no longer use first.`,
      );
    }
  },
  describe: (action) => `Save canned resolution “${clip(action.resolution.title)}”`,
};

export const deleteResolution: LibraryActionDefinition<DeleteResolutionAction> = {
  scope: 'none',
  schema: DeleteResolutionAction,
  ids: (action) => [action.resolutionId],
  apply: (items, action) => items.filter((item) => item.id !== action.resolutionId),
  check(action, ctx: LibraryContext) {
    const existing = ctx.items.find((item) => item.id === action.resolutionId);
    if (!existing || existing.ownerId !== ctx.actor.id) throw unknownResolution();
  },
  describe: () => 'Delete a canned resolution',
};
