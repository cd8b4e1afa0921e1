import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/**
 * The admin screen's lists are the server's, which other admins change too: read again every 30 s
 * while shown, and whenever the window regains focus.
 */
const SHARED_WITH_OTHER_ADMINS = { refetchInterval: 30_000, refetchOnWindowFocus: 'always' } as const;

/** Every user, deactivated ones included, as the server holds them (admins only; server only). */
export function useAdminUsers() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.adminUsers,
    queryFn: () => transport.call('admin:users', {}),
    retry: false,
    ...SHARED_WITH_OTHER_ADMINS,
  });
}

/** Every team with its members (admins, who belong to every team, left out). */
export function useAdminTeams() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.adminTeams,
    queryFn: () => transport.call('admin:teams', {}),
    retry: false,
    ...SHARED_WITH_OTHER_ADMINS,
  });
}

/** After any admin change: the screen's lists, and the inbox's teams and members, are read again. */
function useAdminMutation<I, O>(run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.admin });
      void client.invalidateQueries({ queryKey: queryKeys.teams });
      void client.invalidateQueries({ queryKey: ['inbox', 'members'] });
    },
  });
}

export function useCreateUser() {
  const transport = useTransport();
  return useAdminMutation((input: CallInput<'admin:createUser'>) => transport.call('admin:createUser', input));
}

export function useUpdateUser() {
  const transport = useTransport();
  return useAdminMutation((input: CallInput<'admin:updateUser'>) => transport.call('admin:updateUser', input));
}

export function useCreateTeam() {
  const transport = useTransport();
  return useAdminMutation((input: CallInput<'admin:createTeam'>) => transport.call('admin:createTeam', input));
}

export function useRenameTeam() {
  const transport = useTransport();
  return useAdminMutation((input: CallInput<'admin:renameTeam'>) => transport.call('admin:renameTeam', input));
}

/** Adds a user to a team or takes them out. */
export function useSetMember() {
  const transport = useTransport();
  return useAdminMutation((input: CallInput<'admin:setMember'>) => transport.call('admin:setMember', input));
}

/** The brand's channel accounts with their teams, as the server holds them (admins only; server only). */
export function useChannelAccounts() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.adminChannelAccounts,
    queryFn: () => transport.call('admin:channelAccounts', {}),
    retry: false,
    ...SHARED_WITH_OTHER_ADMINS,
  });
}

export function useCreateChannelAccount() {
  const transport = useTransport();
  return useAdminMutation((input: CallInput<'admin:createChannelAccount'>) =>
    transport.call('admin:createChannelAccount', input),
  );
}

export function useUpdateChannelAccount() {
  const transport = useTransport();
  return useAdminMutation((input: CallInput<'admin:updateChannelAccount'>) =>
    transport.call('admin:updateChannelAccount', input),
  );
}

/** Refused while conversations talk to the account (the server says how many). */
export function useRemoveChannelAccount() {
  const transport = useTransport();
  return useAdminMutation((input: CallInput<'admin:removeChannelAccount'>) =>
    transport.call('admin:removeChannelAccount', input),
  );
}

/** Asks the provider about one account; each row holds its own result. Changes nothing. */
export function useTestChannelAccount() {
  const transport = useTransport();
  return useMutation({
    mutationFn: (accountId: string) => transport.call('admin:testChannelAccount', { accountId }),
  });
}
