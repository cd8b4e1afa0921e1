// customers:erase — an admin's request to the server to erase a customer; the deletions then
// arrive like any other change, poked by the server (shared/sync/README.md "Deletions").
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { reachOf } from '../../../shared/domain/permissions';
import { CustomerErasureResponse, HttpRoutes } from '../../../shared/sync';
import { callServer } from './server-call';
import type { ServerCallDeps } from './server-call';

interface ErasureDeps extends ServerCallDeps {
  requireUser: () => User;
}

export function erasureHandlers(deps: ErasureDeps): Pick<ApiHandlers, 'customers:erase'> {
  return {
    'customers:erase': async ({ customerId, confirmName }) => {
      if (reachOf(deps.requireUser().role, 'eraseCustomer') === 'none') {
        throw new CaredeskError('forbidden', 'Only admins may erase a customer.');
      }
      return callServer(
        deps,
        {
          path: HttpRoutes.customerErasure(customerId),
          method: 'POST',
          body: { confirmName },
          // VACUUM FULL of the server's tables comes before the answer.
          timeoutMs: 120_000,
          answer: CustomerErasureResponse,
        },
        {
          signIn: 'Sign in again to erase a customer.',
          offline: 'You are offline — erasing a customer needs the server. Nothing was erased.',
          failed: 'The server could not erase the customer',
        },
      );
    },
  };
}
