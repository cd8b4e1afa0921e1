import type { CannedResolution, User } from '../../../shared/domain/entities';
import { applyToLibrary, checkLibraryAction, libraryIdsOf } from '../../../shared/sync/actions';
import type { LibraryAction } from '../../../shared/sync/actions';
import type { NewChange } from '../../db/changes';
import { deleteResolutionRow, lockResolutionsFor, saveResolutionRow } from '../../db/resolutions';
import type { Sql } from '../../db/sql';
import { appliedOnce, commitAction } from './rules';
import type { ActionOutcome } from './rules';

/**
 * An action on no conversation (a rep's own canned resolutions), exactly once per action id like
 * any other: one transaction locks the rows it may touch, runs the shared checks and rule on them,
 * writes what the rule changed, and addresses the changes to the actor alone.
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
    const items = await lockResolutionsFor(tx, user.id, ids);
    const ctx = { actor: user, items, now };
    checkLibraryAction(action, ctx);
    const after = applyToLibrary(items, action, ctx);
    const changes: NewChange[] = [];
    for (const itemId of ids) {
      const before = items.find((item) => item.id === itemId);
      const next = after.find((item) => item.id === itemId);
      if (next && !sameResolution(before, next)) {
        await saveResolutionRow(tx, next);
        changes.push({ teamId: null, userId: user.id, change: { kind: 'resolution', data: next } });
      } else if (before && !next) {
        await deleteResolutionRow(tx, itemId, user.id);
        changes.push({
          teamId: null,
          userId: user.id,
          change: { kind: 'delete', data: { entity: 'resolution', id: itemId } },
        });
      }
    }
    return commitAction(tx, user, { id, action, conversationId: null }, changes, now, { message: null, note: null });
  });
}

function sameResolution(a: CannedResolution | undefined, b: CannedResolution): boolean {
  return a !== undefined && a.title === b.title && a.body === b.body && a.ownerId === b.ownerId;
}
