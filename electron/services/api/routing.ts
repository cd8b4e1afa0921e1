// routing:get / routing:save — a lead's or admin's team routing settings, read from and saved on
// the server over HTTP (server README "Routing"); nothing of them is cached.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { reachOf } from '../../../shared/domain/permissions';
import { RoutingSettings } from '../../../shared/domain/routing';
import { HttpRoutes } from '../../../shared/sync';
import { callServer } from './server-call';
import type { ServerCallDeps } from './server-call';

interface RoutingDeps extends ServerCallDeps {
  requireUser: () => User;
}

export function routingHandlers(deps: RoutingDeps): Pick<ApiHandlers, 'routing:get' | 'routing:save'> {
  const call = async (teamId: string, method: 'GET' | 'PUT', settings?: RoutingSettings) => {
    if (reachOf(deps.requireUser().role, 'manageRouting') === 'none') {
      throw new CaredeskError('forbidden', 'Only leads and admins may see or change routing.');
    }
    return callServer(
      deps,
      { path: HttpRoutes.teamRouting(teamId), method, body: settings, timeoutMs: 15_000, answer: RoutingSettings },
      {
        signIn: 'Sign in again to change routing.',
        offline: 'You are offline — routing settings live on the server. Nothing was changed.',
        failed: 'The server could not handle the routing settings',
      },
    );
  };
  return {
    'routing:get': ({ teamId }) => call(teamId, 'GET'),
    'routing:save': ({ teamId, settings }) => call(teamId, 'PUT', settings),
  };
}
