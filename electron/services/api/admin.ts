// The admin screen's calls (shared/api/admin.ts): each is one request to the server's admin routes
// (or `POST /api/team-members`) with the session's token. Nothing is cached: the screen shows what
// the server holds, and offline every call fails with `server_unreachable`, changing nothing.
import { z } from 'zod';
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError, User } from '../../../shared/domain';
import { reachOf } from '../../../shared/domain/permissions';
import {
  AdminRoutes,
  AdminTeamResponse,
  AdminTeamsResponse,
  AdminUserResponse,
  AdminUsersResponse,
} from '../../../shared/sync/admin';
import { callServer } from './server-call';
import type { ServerCallDeps } from './server-call';

export interface AdminDeps extends ServerCallDeps {
  requireUser: () => User;
  /** Per request; 10 s unless a test says otherwise. */
  timeoutMs?: number;
}

const OFFLINE = 'You are offline — the admin screen needs the server.';
/** Said of a change; a read changes nothing anyway. */
const NOTHING_CHANGED = ' Nothing was changed.';
const MemberResponse = z.object({ user: User });

type Schema<T> = z.ZodType<T>;

export function adminHandlers(
  deps: AdminDeps,
): Pick<
  ApiHandlers,
  | 'admin:users'
  | 'admin:createUser'
  | 'admin:updateUser'
  | 'admin:teams'
  | 'admin:createTeam'
  | 'admin:renameTeam'
  | 'admin:setMember'
> {
  function request<T>(method: string, path: string, body: unknown, answer: Schema<T>): Promise<T> {
    return callServer(
      deps,
      { method, path, body, timeoutMs: deps.timeoutMs, answer },
      {
        signIn: 'Sign in again to manage users and teams.',
        offline: method === 'GET' ? OFFLINE : OFFLINE + NOTHING_CHANGED,
        failed: 'The server could not do that',
      },
    );
  }

  /** Refused here without asking the server, which refuses it too. */
  function requireAdmin(operation: 'manageUsers' | 'manageTeams' | 'changeMembership'): void {
    if (reachOf(deps.requireUser().role, operation) !== 'all') {
      throw new CaredeskError('forbidden', 'Only admins may manage users and teams.');
    }
  }

  return {
    'admin:users': async () => {
      requireAdmin('manageUsers');
      return request('GET', AdminRoutes.users, undefined, AdminUsersResponse);
    },
    'admin:createUser': async (input) => {
      requireAdmin('manageUsers');
      return request('POST', AdminRoutes.users, input, AdminUserResponse);
    },
    'admin:updateUser': async ({ userId, patch }) => {
      requireAdmin('manageUsers');
      return request('PATCH', AdminRoutes.user(userId), patch, AdminUserResponse);
    },
    'admin:teams': async () => {
      requireAdmin('manageTeams');
      return request('GET', AdminRoutes.teams, undefined, AdminTeamsResponse);
    },
    'admin:createTeam': async (input) => {
      requireAdmin('manageTeams');
      return request('POST', AdminRoutes.teams, input, AdminTeamResponse);
    },
    'admin:renameTeam': async ({ teamId, name }) => {
      requireAdmin('manageTeams');
      return request('PATCH', AdminRoutes.team(teamId), { name }, AdminTeamResponse);
    },
    'admin:setMember': async (input) => {
      requireAdmin('changeMembership');
      return request('POST', AdminRoutes.teamMembers, input, MemberResponse);
    },
  };
}
