import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { CallInput, SessionInfo } from '../../../shared/api';
import { useUiStore } from '../state/ui';
import { queryKeys } from './keys';
import { useTransport } from './transport';

export function useSession() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: () => transport.call('session:me', {}),
    staleTime: Infinity,
    retry: false,
  });
}

export type SignInInput = CallInput<'session:signIn'>;

/**
 * Fails with `unsent_replies` when the cache belongs to another user whose replies are still in
 * the outbox, unless called with `discardUnsentReplies: true` (which the rep must have chosen).
 */
export function useSignIn() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => transport.call('session:signIn', input),
    // The variables hold the password: drop them as soon as the sign-in screen is gone.
    gcTime: 0,
    onSuccess: (info) => {
      useUiStore.getState().setSessionEndedReason(null);
      queryClient.setQueryData(queryKeys.session, info);
    },
  });
}

export type SignOutInput = CallInput<'session:signOut'>;

/**
 * Fails with `unsent_replies` while replies wait in the outbox, unless called with
 * `discardUnsentReplies: true` (which the rep must have chosen: those replies are then gone).
 */
export function useSignOut() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignOutInput = {}) => transport.call('session:signOut', input),
    onSuccess: (info) => endSession(queryClient, info),
  });
}

/** Drops everything the signed-out user could see and shows the sign-in screen. */
export function endSession(queryClient: QueryClient, info: SessionInfo | null): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
  queryClient.setQueryData<SessionInfo>(
    queryKeys.session,
    (previous) => info ?? (previous ? { ...previous, user: null } : previous),
  );
  useUiStore.getState().reset();
}
