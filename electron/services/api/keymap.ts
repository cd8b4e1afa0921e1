// Each rep's remapped shortcuts, in the cache's meta table by user id, so they survive restarts
// and sign-outs on this machine.
import type { ApiHandlers, Keymap } from '../../../shared/api';
import type { User } from '../../../shared/domain';
import { getMeta, setMeta } from '../db/meta';
import type { Db } from '../db/open';

interface KeymapDeps {
  db: Db;
  requireUser: () => User;
}

type KeymapHandlers = Pick<ApiHandlers, 'keymap:get' | 'keymap:save'>;
type Stored = Record<string, Keymap['bindings']>;

function readAll(db: Db): Stored {
  const raw = getMeta(db, 'keymaps');
  if (raw === null) return {};
  const parsed: unknown = JSON.parse(raw);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Stored) : {};
}

export function keymapHandlers({ db, requireUser }: KeymapDeps): KeymapHandlers {
  return {
    'keymap:get': () => {
      const user = requireUser();
      return Promise.resolve({ bindings: readAll(db)[user.id] ?? {} });
    },
    'keymap:save': ({ bindings }) => {
      const user = requireUser();
      db.transaction(() => setMeta(db, 'keymaps', JSON.stringify({ ...readAll(db), [user.id]: bindings })))();
      return Promise.resolve({ bindings });
    },
  };
}
