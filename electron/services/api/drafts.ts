// drafts:list / drafts:save — what the rep typed and has not sent, kept in this cache (db/drafts.ts).
import type { ApiHandlers } from '../../../shared/api';
import type { User } from '../../../shared/domain';
import { listDrafts, saveDraft } from '../db/drafts';
import type { Db } from '../db/open';

interface DraftDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
}

export function draftHandlers(deps: DraftDeps): Pick<ApiHandlers, 'drafts:list' | 'drafts:save'> {
  return {
    'drafts:list': () => {
      deps.requireUser();
      return Promise.resolve({ drafts: listDrafts(deps.db) });
    },
    'drafts:save': (draft) => {
      deps.requireUser();
      saveDraft(deps.db, draft, deps.clock());
      return Promise.resolve({ ok: true as const });
    },
  };
}
