import { normalizeEmail } from '../../shared/domain/identity';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import type { Role, Team, User } from '../../shared/domain/entities';
import type { PasswordHash } from '../auth/password';
import { appendChanges, NO_CHANGES } from './changes';
import type { AppendedChanges } from './changes';
import { hashToken } from './sessions';
import { num } from './sql';
import type { Sql } from './sql';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  team_ids: string[] | null;
  active: boolean;
}

/** Admins belong to every team (shared/domain/permissions.ts); others to the teams they were added to. */
export const USER_COLUMNS = `u.id, u.name, u.email, u.role, u.active,
  case when u.role = 'admin' then array(select t.id from teams t order by t.id)
       else array(select m.team_id from team_members m where m.user_id = u.id order by m.team_id) end as team_ids`;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    teamIds: row.team_ids ?? [],
    active: row.active,
  };
}

/** Who creates a team or user when no admin does (the demo loader, tests): the server itself. */
const SYSTEM_CREATED = { actor: SYSTEM_ACTOR } as const;

/** Creates a team; `by` is the admin who did (default: the server). The caller holds a transaction or gets one. */
export async function createTeam(
  sql: Sql,
  team: Team,
  now: number,
  by: { actor: string } = SYSTEM_CREATED,
): Promise<AppendedChanges> {
  return sql.transaction(async (tx) => {
    await tx.query('insert into teams (id, name, created_at) values ($1, $2, $3)', [team.id, team.name, now]);
    // Every admin is now a member of the new team too: their record says so.
    const admins = (
      await tx.query<UserRow>(`select ${USER_COLUMNS} from users u where u.role = 'admin' order by u.id`)
    ).map(toUser);
    return appendChanges(
      tx,
      [
        { teamId: null, change: { kind: 'team', data: team } },
        ...admins.map((admin) => ({ teamId: null, change: { kind: 'user' as const, data: admin } })),
      ],
      now,
      { actor: by.actor, type: 'team_created' },
    );
  });
}

export async function listTeams(sql: Sql): Promise<Team[]> {
  return sql.query<Team>('select id, name from teams order by created_at, id');
}

interface NewUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamIds: string[];
  password: PasswordHash;
}

/**
 * Creates a user; `by` is the admin who did (default: the server). Their email is stored lower-case;
 * one already taken fails on the unique index (SQLSTATE 23505), which the caller turns into `conflict`.
 */
export async function createUser(
  sql: Sql,
  input: NewUser,
  now: number,
  by: { actor: string } = SYSTEM_CREATED,
): Promise<User> {
  return sql.transaction(async (tx) => {
    const user: User = {
      id: input.id,
      name: input.name,
      email: normalizeEmail(input.email),
      role: input.role,
      teamIds: [...input.teamIds].sort(),
      active: true,
    };
    await tx.query(
      `insert into users (id, name, email, role, password_salt, password_hash, created_at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [user.id, user.name, user.email, user.role, input.password.salt, input.password.hash, now],
    );
    for (const teamId of user.teamIds) {
      await tx.query('insert into team_members (team_id, user_id) values ($1, $2)', [teamId, user.id]);
    }
    // An admin belongs to every team whatever was asked: engines are told so from the start.
    const created = user.role === 'admin' ? ((await getUser(tx, user.id)) ?? user) : user;
    await appendChanges(tx, [{ teamId: null, change: { kind: 'user', data: created } }], now, {
      actor: by.actor,
      type: 'user_created',
    });
    return created;
  });
}

export async function getUser(sql: Sql, id: string): Promise<User | null> {
  const rows = await sql.query<UserRow>(`select ${USER_COLUMNS} from users u where u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

interface UserWithPassword {
  user: User;
  password: PasswordHash;
  /** False: deactivated by an admin (migration 016); sign-in refuses them. */
  active: boolean;
}

export async function findUserByEmail(sql: Sql, email: string): Promise<UserWithPassword | null> {
  const rows = await sql.query<UserRow & { password_salt: string; password_hash: string }>(
    `select ${USER_COLUMNS}, u.password_salt, u.password_hash from users u where u.email = $1`,
    [normalizeEmail(email)],
  );
  const row = rows[0];
  return row
    ? { user: toUser(row), password: { salt: row.password_salt, hash: row.password_hash }, active: row.active }
    : null;
}

export async function listUsers(sql: Sql): Promise<User[]> {
  const rows = await sql.query<UserRow>(`select ${USER_COLUMNS} from users u order by u.email`);
  return rows.map(toUser);
}

export async function countUsers(sql: Sql): Promise<number> {
  const rows = await sql.query<{ n: string | number }>('select count(*) as n from users');
  return num(rows[0]?.n ?? 0);
}

/**
 * Adds `userId` to `teamId` or takes them out, and appends the user's new record (seen by
 * everyone), made by `actorId`. Returns the user as they are now, and whether anything changed;
 * null when the user does not exist. An unknown user or team adds nothing (rather than failing on
 * a foreign key).
 */
export async function setTeamMember(
  tx: Sql,
  teamId: string,
  userId: string,
  member: boolean,
  now: number,
  actorId: string,
): Promise<{ user: User; changes: AppendedChanges } | null> {
  const rows = member
    ? await tx.query(
        `insert into team_members (team_id, user_id)
         select t.id, u.id from teams t, users u where t.id = $1 and u.id = $2
         on conflict do nothing returning 1`,
        [teamId, userId],
      )
    : await tx.query('delete from team_members where team_id = $1 and user_id = $2 returning 1', [teamId, userId]);
  const user = await getUser(tx, userId);
  if (!user) return null;
  if (rows.length === 0) return { user, changes: NO_CHANGES };
  const changes = await appendChanges(tx, [{ teamId: null, change: { kind: 'user', data: user } }], now, {
    actor: actorId,
    type: 'membership',
  });
  return { user, changes };
}

/**
 * The user a session token belongs to, with the session's expiry; null for an unknown token. A
 * deactivated user's sessions are deleted with the change, and read here as no user besides.
 */
export async function findSessionUser(
  sql: Sql,
  token: string,
): Promise<{ user: User | null; expiresAt: number } | null> {
  const rows = await sql.query<UserRow & { expires_at: string | number; user_exists: boolean }>(
    `select ${USER_COLUMNS}, s.expires_at, u.id is not null as user_exists
     from sessions s left join users u on u.id = s.user_id and u.active where s.token_hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return { user: row.user_exists ? toUser(row) : null, expiresAt: num(row.expires_at) };
}
