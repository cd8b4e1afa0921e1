import { z } from 'zod';
import { ResolutionThen } from '../../domain/entities';
import type { CannedResolution, User } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { mayIn } from '../../domain/permissions';
import { storableText } from '../text';
import { ActionRef, Body } from './define';
import type { LibraryActionDefinition, LibraryContext } from './define';
import { clip } from './words';

/** Most personal canned resolutions one rep may keep. */
export const MAX_PERSONAL_RESOLUTIONS = 500;
/** Most canned resolutions one team's library may hold. */
export const MAX_TEAM_RESOLUTIONS = 1000;

const Title = storableText(z.string().trim().min(1).max(120));

/**
 * Creates or edits a canned resolution (by id): one of the rep's own, or, with `teamId`, one of
 * that team's library (leads and admins of the team). An item keeps the scope it was created in.
 */
export const SaveResolutionAction = z.object({
  type: z.literal('saveResolution'),
  resolution: z.object({
    id: ActionRef,
    title: Title,
    body: Body,
    teamId: ActionRef.optional(),
    then: ResolutionThen.optional(),
  }),
});
export type SaveResolutionAction = z.infer<typeof SaveResolutionAction>;

/** Deletes one of the rep's own canned resolutions, or one of a team's (its leads and admins). */
export const DeleteResolutionAction = z.object({ type: z.literal('deleteResolution'), resolutionId: ActionRef });
export type DeleteResolutionAction = z.infer<typeof DeleteResolutionAction>;

function unknownResolution(): CaredeskError {
  return new CaredeskError('not_found', 'That canned resolution does not exist or is not yours.');
}

/** Titles are compared without case or surrounding space: "Refund sent" and "refund sent " are one. */
const titleKey = (title: string) => title.trim().toLocaleLowerCase();

/** Leads and admins write the library of a team they belong to. */
export function mayWriteTeamLibrary(actor: User, teamId: string): boolean {
  return mayIn(actor, 'teamLibrary', teamId);
}

/** Whether the actor may see the item at all: their own, or their team's. */
const visibleTo = (item: CannedResolution, actor: User) =>
  item.teamId === undefined ? item.ownerId === actor.id : actor.teamIds.includes(item.teamId);

/** The items of one scope: the actor's own, or one team's. */
const inScope = (item: CannedResolution, actor: User, teamId: string | undefined) =>
  teamId === undefined ? item.teamId === undefined && item.ownerId === actor.id : item.teamId === teamId;

function requireTeamWriter(actor: User, teamId: string): void {
  if (!actor.teamIds.includes(teamId)) throw unknownResolution();
  if (!mayWriteTeamLibrary(actor, teamId)) {
    throw new CaredeskError('forbidden', 'Only leads and admins of the team can change its canned resolutions.');
  }
}

export const saveResolution: LibraryActionDefinition<SaveResolutionAction> = {
  scope: 'none',
  schema: SaveResolutionAction,
  ids: (action) => [action.resolution.id],
  apply(items, action, ctx) {
    const { id, title, body, teamId, then } = action.resolution;
    const existing = items.find((item) => item.id === id);
    const saved: CannedResolution = {
      id,
      ownerId: existing?.ownerId ?? ctx.actor.id,
      title,
      body,
      updatedAt: ctx.now,
      ...(teamId === undefined ? {} : { teamId }),
      ...(then === undefined ? {} : { then }),
    };
    return existing ? items.map((item) => (item.id === id ? saved : item)) : [...items, saved];
  },
  check(action, ctx) {
    const { id, title, teamId, then } = action.resolution;
    const { actor } = ctx;
    const existing = ctx.items.find((item) => item.id === id);
    if (existing && !visibleTo(existing, actor)) throw unknownResolution();
    if (teamId !== undefined) requireTeamWriter(actor, teamId);
    if (existing?.teamId !== undefined) requireTeamWriter(actor, existing.teamId);
    if (existing && existing.teamId !== teamId) {
      throw new CaredeskError(
        'invalid_input',
        'A canned resolution stays personal or in its team; save a copy instead.',
      );
    }
    if (then?.status !== undefined && then.snoozeHours !== undefined) {
      throw new CaredeskError('invalid_input', 'A canned resolution may resolve or snooze the conversation, not both.');
    }
    const scope = ctx.items.filter((item) => inScope(item, actor, teamId));
    const clash = scope.find((item) => item.id !== id && titleKey(item.title) === titleKey(title));
    if (clash) {
      const whose = teamId === undefined ? 'You already have' : 'The team already has';
      throw new CaredeskError('conflict', `${whose} a canned resolution called “${clash.title}”.`);
    }
    const max = teamId === undefined ? MAX_PERSONAL_RESOLUTIONS : MAX_TEAM_RESOLUTIONS;
    if (!existing && scope.length >= max) {
      const who = teamId === undefined ? 'You can keep' : 'A team can keep';
      throw new CaredeskError(
        'invalid_input',
        `${who} at most ${max} canned resolutions; delete one no longer used first.`,
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
    if (!existing || !visibleTo(existing, ctx.actor)) throw unknownResolution();
    if (existing.teamId !== undefined) requireTeamWriter(ctx.actor, existing.teamId);
  },
  describe: () => 'Delete a canned resolution',
};

/**
 * A canned resolution as both stores write it: id, owner, title, body, updated at, team (null:
 * the owner's own) and the actions with its send as JSON (null: none).
 */
export function resolutionColumns(
  resolution: CannedResolution,
): [string, string, string, string, number, string | null, string | null] {
  return [
    resolution.id,
    resolution.ownerId,
    resolution.title,
    resolution.body,
    resolution.updatedAt,
    resolution.teamId ?? null,
    resolution.then === undefined ? null : JSON.stringify(resolution.then),
  ];
}
