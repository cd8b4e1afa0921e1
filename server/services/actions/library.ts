import type { CannedResolution, User } from '../../../shared/domain/entities';
import { applyToLibrary, checkLibraryAction, libraryIdsOf } from '../../../shared/sync/actions';
import type { LibraryAction } from '../../../shared/sync/actions';
import type { NewChange } from '../../db/changes';
import { deleteResolutionRow, lockResolutionsFor, saveResolutionRow } from '../../db/resolutions';
import type { Sql } from '../../db/sql';
import { appliedOnce, commitAction } from './rules';
import type { ActionOutcome } from './rules';

/**
 * An action on no conversation (canned resolutions), exactly once per action id like any other:
 * one transaction locks the rows it may touch, runs the shared checks and rule on them, writes what
 * the rule changed, and addresses each change to the item's scope: a rep's own item to that rep
 * alone, a team's item to the team.
 */
export function applyToLibraryItems(
  sql: Sql,
  user: User,
  id: string,
  action: LibraryAction,
  now: number,
): Promise<ActionOutcome> {
  return appliedOnce(sql, user, id, async (tx) => {
    const ids = libraryIdsOf(action);
    const teamIds = action.type === 'saveResolution' && action.resolution.teamId ? [action.resolution.teamId] : [];
    const items = await lockResolutionsFor(tx, user, ids, teamIds);
    const ctx = { actor: user, items, now };
    checkLibraryAction(action, ctx);
    const after = applyToLibrary(items, action, ctx);
    const changes: NewChange[] = [];
    for (const itemId of ids) {
      const before = items.find((item) => item.id === itemId);
      const next = after.find((item) => item.id === itemId);
      if (next && !sameResolution(before, next)) {
        await saveResolutionRow(tx, next);
        changes.push({ ...addressOf(next), change: { kind: 'resolution', data: next } });
      } else if (before && !next) {
        await deleteResolutionRow(tx, before);
        changes.push({ ...addressOf(before), change: { kind: 'delete', data: { entity: 'resolution', id: itemId } } });
      }
    }
    return commitAction(tx, user, { id, action, conversationId: null }, changes, now, { message: null, note: null });
  });
}

/** A team's item goes to the team's engines; a rep's own to that rep's. */
function addressOf(item: CannedResolution): Pick<NewChange, 'teamId' | 'userId'> {
  return item.teamId === undefined ? { teamId: null, userId: item.ownerId } : { teamId: item.teamId, userId: null };
}

function sameResolution(a: CannedResolution | undefined, b: CannedResolution): boolean {
  return (
    a !== undefined &&
    a.title === b.title &&
    a.body === b.body &&
    a.ownerId === b.ownerId &&
    a.teamId === b.teamId &&
    JSON.stringify(a.then ?? null) === JSON.stringify(b.then ?? null)
  );
}
