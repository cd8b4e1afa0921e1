// The admin screen's channel accounts (shared/api/admin.ts): each call is one request to the
// server's channel-account routes with the session's token, nothing cached; offline every call
// fails with `server_unreachable`, changing nothing.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import { reachOf } from '../../../shared/domain/permissions';
import {
  ChannelAccountResponse,
  ChannelAccountRoutes,
  ChannelAccountsResponse,
  ChannelAccountTestResult,
} from '../../../shared/sync/channel-accounts';
import { callServer } from './server-call';
import type { AdminDeps } from './admin';

const OFFLINE = 'You are offline — channel accounts need the server.';

type Calls =
  | 'admin:channelAccounts'
  | 'admin:createChannelAccount'
  | 'admin:updateChannelAccount'
  | 'admin:removeChannelAccount'
  | 'admin:testChannelAccount';

/** `deps.timeoutMs` (10 s unless a test says otherwise) outlasts the 5 s a test waits for the provider. */
export function channelAccountHandlers(deps: AdminDeps): Pick<ApiHandlers, Calls> {
  /** Refused here without asking the server, which refuses it too. */
  function requireAdmin(): void {
    if (reachOf(deps.requireUser().role, 'manageChannels') !== 'all') {
      throw new CaredeskError('forbidden', 'Only admins may manage channel accounts.');
    }
  }
  const words = (changes: boolean) => ({
    signIn: 'Sign in again to manage channel accounts.',
    offline: changes ? `${OFFLINE} Nothing was changed.` : OFFLINE,
    failed: 'The server could not do that',
  });

  return {
    'admin:channelAccounts': async () => {
      requireAdmin();
      const request = { method: 'GET', path: ChannelAccountRoutes.list, timeoutMs: deps.timeoutMs };
      return callServer(deps, { ...request, answer: ChannelAccountsResponse }, words(false));
    },
    'admin:createChannelAccount': async (input) => {
      requireAdmin();
      const request = { method: 'POST', path: ChannelAccountRoutes.list, body: input, timeoutMs: deps.timeoutMs };
      return callServer(deps, { ...request, answer: ChannelAccountResponse }, words(true));
    },
    'admin:updateChannelAccount': async ({ accountId, patch }) => {
      requireAdmin();
      const path = ChannelAccountRoutes.one(accountId);
      const request = { method: 'PATCH', path, body: patch, timeoutMs: deps.timeoutMs };
      return callServer(deps, { ...request, answer: ChannelAccountResponse }, words(true));
    },
    'admin:removeChannelAccount': async ({ accountId }) => {
      requireAdmin();
      const path = ChannelAccountRoutes.one(accountId);
      await callServer(deps, { method: 'DELETE', path, timeoutMs: deps.timeoutMs }, words(true));
      return {};
    },
    'admin:testChannelAccount': async ({ accountId }) => {
      requireAdmin();
      const request = { method: 'POST', path: ChannelAccountRoutes.test(accountId), timeoutMs: deps.timeoutMs };
      return callServer(deps, { ...request, answer: ChannelAccountTestResult }, words(false));
    },
  };
}
