import { QueryCache, QueryClient } from '@tanstack/react-query';
import { useUiStore } from '../state/ui';
import { ApiError } from '../transport';
import type { ApiErrorCode } from '../transport';
import { endSession } from '../api/session';

/** Asking again will not change these answers. */
const FINAL: ReadonlySet<ApiErrorCode> = new Set([
  'invalid_input',
  'bad_credentials',
  'unauthorized',
  'session_expired',
  'forbidden',
  'not_found',
  'protocol_mismatch',
  'rate_limited',
]);

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        // A call found the token gone: same as the engine's session:ended event.
        if (error instanceof ApiError && (error.code === 'unauthorized' || error.code === 'session_expired')) {
          useUiStore.getState().setSessionEndedReason(error.message);
          endSession(client, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        // Events keep the cache current; refetching on focus would only add load.
        refetchOnWindowFocus: false,
        staleTime: 60_000,
        retry: (count, error) => !(error instanceof ApiError && FINAL.has(error.code)) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
