// The admin screens' operations (routes in server/http/admin.ts): users and teams. Admins only
// (`manageUsers`, `manageTeams`); a refusal changes nothing. Membership goes through
// services/membership.ts, whose route the screen calls too.
import { randomBytes } from 'node:crypto';
import type { User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { normalizeEmail } from '../../shared/domain/identity';
import { reachOf } from '../../shared/domain/permissions';
import type { Operation } from '../../shared/domain/permissions';
import type {
  AdminTeam,
  AdminUser,
  CreateTeamRequest,
  CreateUserRequest,
  RenameTeamRequest,
  UpdateUserRequest,
} from '../../shared/sync/admin';
import { hashPassword } from '../auth/password';
import { createTeam, createUser, listTeams } from '../db/accounts';
import {
  emailTaken,
  getAdminUser,
  listAdminTeams,
  listAdminUsers,
  lockTeams,
  renameTeam,
  setInitialRefundLimit,
  teamNamed,
  updateUser,
} from '../db/admin';
import { latestSeq } from '../db/changes';
import type { AppendedChanges } from '../db/changes';
import type { Sql } from '../db/sql';
import { hasSqlState, SQLSTATE_UNIQUE_VIOLATION } from '../errors';

type AdminOperation = Extract<Operation, 'manageUsers' | 'manageTeams' | 'manageChannels'>;

const REFUSED: Record<AdminOperation, string> = {
  manageUsers: 'Only admins may manage users.',
  manageTeams: 'Only admins may manage teams.',
  manageChannels: 'Only admins may manage channel accounts.',
};

export function requireAdmin(actor: User, operation: AdminOperation): void {
  if (reachOf(actor.role, operation) === 'none') throw new CaredeskError('forbidden', REFUSED[operation]);
}

const emailInUse = (email: string) =>
  new CaredeskError('conflict', `${email} already belongs to a user (deactivated ones included).`);

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}

export async function adminListUsers(sql: Sql, actor: User): Promise<AdminUser[]> {
  requireAdmin(actor, 'manageUsers');
  return listAdminUsers(sql);
}

/** Creates a user with an initial password; an email already taken is a `conflict`. */
export async function adminCreateUser(
  sql: Sql,
  actor: User,
  request: CreateUserRequest,
  now: number,
): Promise<{ user: AdminUser; changes: AppendedChanges }> {
  requireAdmin(actor, 'manageUsers');
  const email = normalizeEmail(request.email);
  // Admins belong to every team: what was asked is moot.
  const teamIds = request.role === 'admin' ? [] : [...new Set(request.teamIds)];
  const known = new Set((await listTeams(sql)).map((team) => team.id));
  const unknown = teamIds.filter((teamId) => !known.has(teamId));
  if (unknown.length > 0) throw new CaredeskError('not_found', `No team ${unknown.join(', ')}.`);
  if (await emailTaken(sql, email)) throw emailInUse(email);
  const password = await hashPassword(request.password);
  const id = newId('user');
  try {
    await sql.transaction(async (tx) => {
      await createUser(tx, { id, name: request.name, email, role: request.role, teamIds, password }, now, {
        actor: actor.id,
      });
      if (request.refundLimitCents !== null) {
        await setInitialRefundLimit(tx, id, request.refundLimitCents, now, actor.id);
      }
    });
  } catch (error) {
    // Taken meanwhile by another request: the unique index decides.
    if (hasSqlState(error, SQLSTATE_UNIQUE_VIOLATION)) throw emailInUse(email);
    throw error;
  }
  const user = await getAdminUser(sql, id);
  if (!user) throw new Error(`user ${id} vanished after it was created`);
  // The new user's row goes to every engine (teamId null): the poke reaches everyone, with a seq at
  // or after the one createUser appended.
  return { user, changes: { seq: await latestSeq(sql), teamIds: [], userIds: [], everyone: true } };
}

/**
 * Changes a user's name, role, refund limit or whether they may sign in. An admin cannot demote or
 * deactivate themselves (another admin can), so an organisation never locks out its last admin by
 * accident.
 */
export async function adminUpdateUser(
  sql: Sql,
  actor: User,
  userId: string,
  request: UpdateUserRequest,
  now: number,
): Promise<{ user: AdminUser; deactivated: boolean; changes: AppendedChanges }> {
  requireAdmin(actor, 'manageUsers');
  if (userId === actor.id && request.role !== undefined && request.role !== 'admin') {
    throw new CaredeskError('invalid_input', 'You cannot change your own role; ask another admin.');
  }
  if (userId === actor.id && request.active === false) {
    throw new CaredeskError('invalid_input', 'You cannot deactivate yourself; ask another admin.');
  }
  const result = await sql.transaction((tx) => updateUser(tx, userId, request, now, actor.id));
  if (!result) throw new CaredeskError('not_found', 'That user does not exist.');
  return {
    user: result.user,
    deactivated: result.before.active && !result.user.active,
    changes: result.changes,
  };
}

export async function adminListTeams(sql: Sql, actor: User): Promise<AdminTeam[]> {
  requireAdmin(actor, 'manageTeams');
  return listAdminTeams(sql);
}

const nameTaken = (name: string) => new CaredeskError('conflict', `A team is already called "${name}".`);

export async function adminCreateTeam(
  sql: Sql,
  actor: User,
  request: CreateTeamRequest,
  now: number,
): Promise<{ team: AdminTeam; changes: AppendedChanges }> {
  requireAdmin(actor, 'manageTeams');
  const id = newId('team');
  const changes = await sql.transaction(async (tx) => {
    await lockTeams(tx);
    const same = await teamNamed(tx, request.name);
    if (same) throw nameTaken(same.name);
    return createTeam(tx, { id, name: request.name }, now, { actor: actor.id });
  });
  return { team: { id, name: request.name, memberIds: [] }, changes };
}

export async function adminRenameTeam(
  sql: Sql,
  actor: User,
  teamId: string,
  request: RenameTeamRequest,
  now: number,
): Promise<{ team: AdminTeam; changes: AppendedChanges }> {
  requireAdmin(actor, 'manageTeams');
  const result = await sql.transaction(async (tx) => {
    await lockTeams(tx);
    const same = await teamNamed(tx, request.name, teamId);
    if (same) throw nameTaken(same.name);
    return renameTeam(tx, teamId, request.name, now, actor.id);
  });
  if (!result) throw new CaredeskError('not_found', 'That team does not exist.');
  const team = (await listAdminTeams(sql)).find((candidate) => candidate.id === teamId);
  return { team: team ?? { ...result.team, memberIds: [] }, changes: result.changes };
}
