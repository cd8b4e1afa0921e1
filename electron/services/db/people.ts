// Users and teams.
import type { User } from '../../../shared/domain';
import type { Db } from './open';
import { toUser } from './rows';
import type { UserRow } from './rows';
import { prepared } from './statements';

export function getUser(db: Db, id: string): User | null {
  const row = prepared(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? toUser(row) : null;
}

/** Teams by id, in name order; every team in the cache when `ids` is null. */
export function listTeams(db: Db, ids: readonly string[] | null): { id: string; name: string }[] {
  const all = prepared(db, 'SELECT id, name FROM teams ORDER BY name, id').all() as { id: string; name: string }[];
  if (ids === null) return all;
  const wanted = new Set(ids);
  return all.filter((t) => wanted.has(t.id));
}
