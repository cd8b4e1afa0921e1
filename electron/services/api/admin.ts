// The admin screen's calls (shared/api/admin.ts): each is one request to the server's admin routes
// (or `POST /api/team-members`) with the session's token. Nothing is cached: the screen shows what
// the server holds, and offline every call fails with `server_unreachable`, changing nothing.
import { z } from 'zod';
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError, ErrorBody, User } from '../../../shared/domain';
import { reachOf } from '../../../shared/domain/permissions';
import {
  AdminRoutes,
  AdminTeamResponse,
  AdminTeamsResponse,
  AdminUserResponse,
  AdminUsersResponse,
} from '../../../shared/sync/admin';
import type { FetchLike } from '../session/sign-in';

interface AdminDeps {
  serverUrl: string;
  fetch: FetchLike;
  requireUser: () => User;
  /** The session's token, or null when there is none to send. */
  token: () => Promise<string | null>;
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
  async function request<T>(method: string, path: string, body: unknown, schema: Schema<T>): Promise<T> {
    const token = await deps.token();
    if (token === null) throw new CaredeskError('unauthorized', 'Sign in again to manage users and teams.');
    let response: Response;
    try {
      response = await deps.fetch(new URL(path, deps.serverUrl), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
    } catch {
      throw new CaredeskError('server_unreachable', method === 'GET' ? OFFLINE : OFFLINE + NOTHING_CHANGED);
    }
    const answer: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ErrorBody.safeParse(answer);
      if (error.success) throw new CaredeskError(error.data.code, error.data.message);
      throw new CaredeskError('internal', `The server could not do that (HTTP ${response.status}).`);
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new CaredeskError('protocol_mismatch', 'The server answered in a way this version cannot read.');
    }
    return parsed.data;
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
