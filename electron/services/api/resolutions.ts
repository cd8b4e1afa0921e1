// The rep's canned resolutions, their own and their teams': saving and deleting are actions on no conversation.
import { randomUUID } from 'node:crypto';
import type { ApiHandlers } from '../../../shared/api';
import type { User } from '../../../shared/domain';
import { checkLibraryAction } from '../../../shared/sync';
import type { LibraryAction } from '../../../shared/sync';
import type { Db } from '../db/open';
import { enqueueAction } from '../db/outbox';
import { resolutionsView } from '../db/resolutions';

interface ResolutionDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
  /** After every write: tell the renderer and wake the sync. */
  changed: () => void;
}

type ResolutionHandlers = Pick<ApiHandlers, 'resolutions:list' | 'resolutions:save' | 'resolutions:delete'>;

export function resolutionHandlers(deps: ResolutionDeps): ResolutionHandlers {
  const { db, clock } = deps;

  /** Checks the action against what the rep sees, as the server will against its rows, then queues it. */
  function enqueue(action: LibraryAction): string {
    const actor = deps.requireUser();
    const now = clock();
    checkLibraryAction(action, { actor, items: resolutionsView(db, actor), now });
    const id = randomUUID();
    enqueueAction(db, { id, action, createdAt: now });
    deps.changed();
    return id;
  }

  return {
    'resolutions:list': () => Promise.resolve({ resolutions: resolutionsView(db, deps.requireUser()) }),

    'resolutions:save': ({ id, ...fields }) => {
      const resolutionId = id ?? randomUUID();
      const actionId = enqueue({ type: 'saveResolution', resolution: { id: resolutionId, ...fields } });
      return Promise.resolve({ actionId, id: resolutionId });
    },

    'resolutions:delete': ({ id }) =>
      Promise.resolve({ actionId: enqueue({ type: 'deleteResolution', resolutionId: id }) }),
  };
}
