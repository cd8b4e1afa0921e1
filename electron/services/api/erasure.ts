// customers:erase — an admin's request to the server to erase a customer; the deletions then
// arrive like any other change, poked by the server (shared/sync/README.md "Deletions").
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError, ErrorBody } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { reachOf } from '../../../shared/domain/permissions';
import { CustomerErasureResponse, HttpRoutes } from '../../../shared/sync';
import type { FetchLike } from '../session/sign-in';

interface ErasureDeps {
  serverUrl: string;
  fetch: FetchLike;
  requireUser: () => User;
  /** The session's token, or null when there is none to send. */
  token: () => Promise<string | null>;
}

const OFFLINE = 'You are offline — erasing a customer needs the server. Nothing was erased.';

export function erasureHandlers(deps: ErasureDeps): Pick<ApiHandlers, 'customers:erase'> {
  return {
    'customers:erase': async ({ customerId, confirmName }) => {
      if (reachOf(deps.requireUser().role, 'eraseCustomer') === 'none') {
        throw new CaredeskError('forbidden', 'Only admins may erase a customer.');
      }
      const token = await deps.token();
      if (token === null) throw new CaredeskError('unauthorized', 'Sign in again to erase a customer.');
      let response: Response;
      try {
        response = await deps.fetch(new URL(HttpRoutes.customerErasure(customerId), deps.serverUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ confirmName }),
          // VACUUM FULL of the server's tables comes before the answer.
          signal: AbortSignal.timeout(120_000),
        });
      } catch {
        throw new CaredeskError('server_unreachable', OFFLINE);
      }
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const error = ErrorBody.safeParse(body);
        if (error.success) throw new CaredeskError(error.data.code, error.data.message);
        throw new CaredeskError('internal', `The server could not erase the customer (HTTP ${response.status}).`);
      }
      const parsed = CustomerErasureResponse.safeParse(body);
      if (!parsed.success)
        throw new CaredeskError('protocol_mismatch', 'The server answered in a way this version cannot read.');
      return parsed.data;
    },
  };
}
