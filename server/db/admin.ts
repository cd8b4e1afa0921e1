// Users and teams as the admin screens see and change them (server/services/admin.ts decides who
// may). What engines see of a user (name, role, teams, active) travels as a `user` change, audited
// like every change (role and teams); what the change log does not audit (refund limit, active) and
// the fact that a name changed are written here as audit rows of their own, in the same transaction.
import type { Role, Team } from '../../shared/domain/entities';
import type { AdminTeam, AdminUser } from '../../shared/sync/admin';
import { getUser, toUser, USER_COLUMNS } from './accounts';
import type { UserRow } from './accounts';
import { insertAuditRow } from './audit';
import { appendChanges, NO_CHANGES } from './changes';
import type { AppendedChanges } from './changes';
import { num } from './sql';
import type { Sql } from './sql';

interface AdminUserRow extends UserRow {
  refund_limit_cents: string | number | null;
}

const ADMIN_USER_COLUMNS = `${USER_COLUMNS}, u.refund_limit_cents`;

function toAdminUser(row: AdminUserRow): AdminUser {
  return {
    ...toUser(row),
    refundLimitCents: row.refund_limit_cents === null ? null : num(row.refund_limit_cents),
    active: row.active,
  };
}

/** Every user, deactivated ones included, by email. */
export async function listAdminUsers(sql: Sql): Promise<AdminUser[]> {
  const rows = await sql.query<AdminUserRow>(`select ${ADMIN_USER_COLUMNS} from users u order by u.email`);
  return rows.map(toAdminUser);
}

export async function getAdminUser(sql: Sql, userId: string): Promise<AdminUser | null> {
  const rows = await sql.query<AdminUserRow>(`select ${ADMIN_USER_COLUMNS} from users u where u.id = $1`, [userId]);
  return rows[0] ? toAdminUser(rows[0]) : null;
}

/** Whether the user may sign in and be given work; false for an unknown one. */
export async function userActive(sql: Sql, userId: string): Promise<boolean> {
  const rows = await sql.query<{ active: boolean }>('select active from users where id = $1', [userId]);
  return rows[0]?.active ?? false;
}

export async function emailTaken(sql: Sql, email: string): Promise<boolean> {
  return (await sql.query('select 1 from users where email = $1', [email])).length > 0;
}

/** Sets a new user's refund limit and audits it (createUser audited the rest). Inside its transaction. */
export async function setInitialRefundLimit(
  tx: Sql,
  userId: string,
  cents: number,
  now: number,
  actorId: string,
): Promise<void> {
  await tx.query('update users set refund_limit_cents = $2 where id = $1', [userId, cents]);
  await auditUser(tx, now, actorId, 'user_created', userId, null, { refundLimitCents: cents });
}

export interface UserPatch {
  name?: string;
  role?: Role;
  refundLimitCents?: number | null;
  active?: boolean;
}

/**
 * Applies `patch` to the user under their row lock, inside the caller's transaction. A
 * deactivation deletes every session of theirs. Returns the user as they are now and the change
 * appended (none when only the limit changed: engines do not hold it; a (de)activation travels, so
 * engines stop or start offering them for assignment); null for an unknown user.
 */
export async function updateUser(
  tx: Sql,
  userId: string,
  patch: UserPatch,
  now: number,
  actorId: string,
): Promise<{ before: AdminUser; user: AdminUser; changes: AppendedChanges } | null> {
  const locked = await tx.query<AdminUserRow>(`select ${ADMIN_USER_COLUMNS} from users u where u.id = $1 for update`, [
    userId,
  ]);
  if (!locked[0]) return null;
  const before = toAdminUser(locked[0]);
  const next = {
    name: patch.name ?? before.name,
    role: patch.role ?? before.role,
    refundLimitCents: patch.refundLimitCents === undefined ? before.refundLimitCents : patch.refundLimitCents,
    active: patch.active ?? before.active,
  };
  await tx.query('update users set name = $2, role = $3, refund_limit_cents = $4, active = $5 where id = $1', [
    userId,
    next.name,
    next.role,
    next.refundLimitCents,
    next.active,
  ]);
  if (before.active && !next.active) await tx.query('delete from sessions where user_id = $1', [userId]);

  // What the change log does not audit: only admins see these, and names are never audited.
  const was: Record<string, unknown> = {};
  const became: Record<string, unknown> = {};
  if (next.refundLimitCents !== before.refundLimitCents) {
    was.refundLimitCents = before.refundLimitCents;
    became.refundLimitCents = next.refundLimitCents;
  }
  if (next.active !== before.active) {
    was.active = before.active;
    became.active = next.active;
  }
  if (next.name !== before.name) became.nameChangedAt = now;
  if (Object.keys(became).length > 0) await auditUser(tx, now, actorId, 'user_updated', userId, was, became);

  const user = (await getAdminUser(tx, userId))!;
  const synced = next.name !== before.name || next.role !== before.role || next.active !== before.active;
  const changes = synced
    ? await appendChanges(tx, [{ teamId: null, change: { kind: 'user', data: (await getUser(tx, userId))! } }], now, {
        actor: actorId,
        type: 'user_updated',
      })
    : NO_CHANGES;
  return { before, user, changes };
}

/** One audit row for what no change row carries (a team-less row: leads may read it too). */
function auditUser(
  tx: Sql,
  at: number,
  actor: string,
  type: 'user_created' | 'user_updated',
  userId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): Promise<void> {
  return insertAuditRow(tx, { at, actor, type, entity: { kind: 'user', id: userId }, before, after });
}

/** Every team with its members (admins, members of every team, not listed), oldest first. */
export async function listAdminTeams(sql: Sql): Promise<AdminTeam[]> {
  const rows = await sql.query<{ id: string; name: string; member_ids: string[] | null }>(
    `select t.id, t.name, array(
       select m.user_id from team_members m join users u on u.id = m.user_id
       where m.team_id = t.id and u.role <> 'admin' order by m.user_id) as member_ids
     from teams t order by t.created_at, t.id`,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, memberIds: row.member_ids ?? [] }));
}

/**
 * Holds team writes until the transaction ends, so a name checked free stays free until the team
 * is written (teams has no unique index on names: older databases may hold duplicates).
 */
export async function lockTeams(tx: Sql): Promise<void> {
  await tx.query('lock table teams in share row exclusive mode');
}

/** A team of that name, ignoring case and spaces around it, other than `exceptId`. */
export async function teamNamed(sql: Sql, name: string, exceptId: string | null = null): Promise<Team | null> {
  const rows = await sql.query<Team>(
    'select id, name from teams where lower(btrim(name)) = lower(btrim($1)) and ($2::text is null or id <> $2) limit 1',
    [name, exceptId],
  );
  return rows[0] ?? null;
}

/** Renames a team inside the caller's transaction; null for an unknown team. */
export async function renameTeam(
  tx: Sql,
  teamId: string,
  name: string,
  now: number,
  actorId: string,
): Promise<{ team: Team; changes: AppendedChanges } | null> {
  const rows = await tx.query<Team>('update teams set name = $2 where id = $1 returning id, name, sla', [teamId, name]);
  const team = rows[0];
  if (!team) return null;
  const changes = await appendChanges(tx, [{ teamId: null, change: { kind: 'team', data: team } }], now, {
    actor: actorId,
    type: 'team_renamed',
  });
  return { team, changes };
}
