// routing:get / routing:save — a lead's or admin's team routing settings, read from and saved on
// the server over HTTP (server README "Routing"); nothing of them is cached.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError, ErrorBody } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { reachOf } from '../../../shared/domain/permissions';
import { RoutingSettings } from '../../../shared/domain/routing';
import { HttpRoutes } from '../../../shared/sync';
import type { FetchLike } from '../session/sign-in';

interface RoutingDeps {
  serverUrl: string;
  fetch: FetchLike;
  requireUser: () => User;
  /** The session's token, or null when there is none to send. */
  token: () => Promise<string | null>;
}

const OFFLINE = 'You are offline — routing settings live on the server. Nothing was changed.';

export function routingHandlers(deps: RoutingDeps): Pick<ApiHandlers, 'routing:get' | 'routing:save'> {
  const call = async (teamId: string, init: { method: 'GET' } | { method: 'PUT'; body: string }) => {
    if (reachOf(deps.requireUser().role, 'manageRouting') === 'none') {
      throw new CaredeskError('forbidden', 'Only leads and admins may see or change routing.');
    }
    const token = await deps.token();
    if (token === null) throw new CaredeskError('unauthorized', 'Sign in again to change routing.');
    let response: Response;
    try {
      response = await deps.fetch(new URL(HttpRoutes.teamRouting(teamId), deps.serverUrl), {
        ...init,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw new CaredeskError('server_unreachable', OFFLINE);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ErrorBody.safeParse(body);
      if (error.success) throw new CaredeskError(error.data.code, error.data.message);
      throw new CaredeskError(
        'internal',
        `The server could not handle the routing settings (HTTP ${response.status}).`,
      );
    }
    const parsed = RoutingSettings.safeParse(body);
    if (!parsed.success) {
      throw new CaredeskError('protocol_mismatch', 'The server answered in a way this version cannot read.');
    }
    return parsed.data;
  };
  return {
    'routing:get': ({ teamId }) => call(teamId, { method: 'GET' }),
    'routing:save': ({ teamId, settings }) => call(teamId, { method: 'PUT', body: JSON.stringify(settings) }),
  };
}
