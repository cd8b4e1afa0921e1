// The admin screens' routes (shared/sync/admin.ts): users and teams, admins only. Each answers
// the record as it now is; a refusal (403), a bad body (400), an unknown id (404) or a taken email
// or team name (409) changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import {
  ADMIN_TEAM_PATH,
  ADMIN_USER_PATH,
  AdminRoutes,
  CreateTeamRequest,
  CreateUserRequest,
  RenameTeamRequest,
  UpdateUserRequest,
} from '../../shared/sync/admin';
import type {
  AdminTeamResponse,
  AdminTeamsResponse,
  AdminUserResponse,
  AdminUsersResponse,
} from '../../shared/sync/admin';
import { listTeams } from '../db/accounts';
import { authenticate } from '../services/auth';
import {
  adminCreateTeam,
  adminCreateUser,
  adminListTeams,
  adminListUsers,
  adminRenameTeam,
  adminUpdateUser,
  requireAdmin,
} from '../services/admin';
import { bearerToken, readJson, sendJson } from './json';
import type { Handler, HttpContext } from './routes';

export async function actorOf(ctx: HttpContext, req: IncomingMessage): Promise<User> {
  const token = bearerToken(req);
  if (!token) throw new CaredeskError('unauthorized', 'Send Authorization: Bearer <token>.');
  return (await authenticate(ctx.sql, token, ctx.clock())).user;
}

/** Moves the user's sockets to the rooms of the teams they now belong to (a role change may change them). */
async function moveSockets(ctx: HttpContext, user: User): Promise<void> {
  const all = (await listTeams(ctx.sql)).map((team) => team.id);
  ctx.moveUser(user.id, user.teamIds, all);
}

async function listUsers(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorOf(ctx, req);
  const body: AdminUsersResponse = { users: await adminListUsers(ctx.sql, actor) };
  sendJson(res, 200, body);
}

async function createUser(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorOf(ctx, req);
  // Refused before the body is read: a rep's request is answered 403 whatever it holds.
  requireAdmin(actor, 'manageUsers');
  const request = CreateUserRequest.parse(await readJson(req));
  const { user, changes } = await adminCreateUser(ctx.sql, actor, request, ctx.clock());
  ctx.poke(changes);
  const body: AdminUserResponse = { user };
  sendJson(res, 201, body);
}

async function updateUser(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, params?: string[]) {
  const actor = await actorOf(ctx, req);
  requireAdmin(actor, 'manageUsers');
  const request = UpdateUserRequest.parse(await readJson(req));
  const { user, deactivated, changes } = await adminUpdateUser(ctx.sql, actor, params?.[0] ?? '', request, ctx.clock());
  if (deactivated) ctx.disconnectUser(user.id);
  else await moveSockets(ctx, user);
  ctx.poke(changes);
  const body: AdminUserResponse = { user };
  sendJson(res, 200, body);
}

async function listTeamsRoute(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorOf(ctx, req);
  const body: AdminTeamsResponse = { teams: await adminListTeams(ctx.sql, actor) };
  sendJson(res, 200, body);
}

async function createTeam(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorOf(ctx, req);
  requireAdmin(actor, 'manageTeams');
  const request = CreateTeamRequest.parse(await readJson(req));
  const { team, changes } = await adminCreateTeam(ctx.sql, actor, request, ctx.clock());
  // Admins belong to the new team: their sockets hear it from now on.
  const all = (await listTeams(ctx.sql)).map((candidate) => candidate.id);
  for (const admin of (await adminListUsers(ctx.sql, actor)).filter((user) => user.role === 'admin')) {
    ctx.moveUser(admin.id, all, all);
  }
  ctx.poke(changes);
  const body: AdminTeamResponse = { team };
  sendJson(res, 201, body);
}

async function renameTeam(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, params?: string[]) {
  const actor = await actorOf(ctx, req);
  requireAdmin(actor, 'manageTeams');
  const request = RenameTeamRequest.parse(await readJson(req));
  const { team, changes } = await adminRenameTeam(ctx.sql, actor, params?.[0] ?? '', request, ctx.clock());
  ctx.poke(changes);
  const body: AdminTeamResponse = { team };
  sendJson(res, 200, body);
}

export const ADMIN_ROUTES = [
  [AdminRoutes.users, 'GET', listUsers],
  [AdminRoutes.users, 'POST', createUser],
  [AdminRoutes.teams, 'GET', listTeamsRoute],
  [AdminRoutes.teams, 'POST', createTeam],
] as const satisfies readonly (readonly [string, string, Handler])[];

export const ADMIN_PATTERN_ROUTES: [RegExp, Partial<Record<string, Handler>>][] = [
  [ADMIN_USER_PATH, { PATCH: updateUser }],
  [ADMIN_TEAM_PATH, { PATCH: renameTeam }],
];
