// Users and teams.
import type { Team, User } from '../../../shared/domain';
import { getMeta, setMeta } from './meta';
import { policyFromJson } from './sla-policies';
import type { TeamRow } from './sla-policies';
import type { Db } from './open';
import { toUser } from './rows';
import type { UserRow } from './rows';
import { prepared } from './statements';

export function upsertTeam(db: Db, team: Team): void {
  prepared(
    db,
    'INSERT INTO teams (id, name, sla) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, sla = excluded.sla',
  ).run(team.id, team.name, team.sla ? JSON.stringify(team.sla) : null);
}

export function upsertUser(db: Db, user: User): void {
  prepared(
    db,
    `INSERT INTO users (id, name, email, role, team_ids, active) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
       team_ids = excluded.team_ids, active = excluded.active`,
  ).run(user.id, user.name, user.email, user.role, JSON.stringify(user.teamIds), user.active === false ? 0 : 1);
}

export function getUser(db: Db, id: string): User | null {
  const row = prepared(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? toUser(row) : null;
}

/** Teams by id, in name order, with their own service levels if they set any; every team in the cache when `ids` is null. */
export function listTeams(db: Db, ids: readonly string[] | null): Team[] {
  const rows = prepared(db, 'SELECT id, name, sla FROM teams ORDER BY name, id').all() as TeamRow[];
  const all = rows.map((row): Team => ({ id: row.id, name: row.name, sla: policyFromJson(row.sla) }));
  if (ids === null) return all;
  const wanted = new Set(ids);
  return all.filter((t) => wanted.has(t.id));
}

/**
 * The teams of the signed-in user that the cached conversations were pulled for. A cache from
 * before this was recorded falls back to the teams of the last sign-in. Null when unknown.
 */
export function getSyncedTeamIds(db: Db): string[] | null {
  const stored = getMeta(db, 'synced_team_ids');
  if (stored !== null) return JSON.parse(stored) as string[];
  const user = getMeta(db, 'user');
  return user === null ? null : (JSON.parse(user) as User).teamIds;
}

export function setSyncedTeamIds(db: Db, teamIds: readonly string[]): void {
  setMeta(db, 'synced_team_ids', JSON.stringify([...teamIds].sort()));
}

export function sameTeams(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}

/**
 * The members of a team who may be given work, by name: a deactivated user is left out (the
 * conversations they still hold name them all the same: names are read from `users` directly).
 */
export function listMembers(db: Db, teamId: string): Pick<User, 'id' | 'name' | 'role'>[] {
  return prepared(
    db,
    `SELECT id, name, role FROM users
     WHERE active = 1 AND EXISTS (SELECT 1 FROM json_each(users.team_ids) WHERE value = ?)
     ORDER BY name, id`,
  ).all(teamId) as Pick<User, 'id' | 'name' | 'role'>[];
}
