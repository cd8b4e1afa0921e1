import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { DEFAULT_SLA_POLICY } from '../../../shared/domain/sla';
import type { SlaPolicy } from '../../../shared/domain/sla';
import type { InboxListParams } from './keys';
import { queryKeys } from './keys';
import { useTransport } from './transport';

const PAGE_SIZE = 50;

/** The conversation list, a page at a time over nextCursor. */
export function useInboxList(params: InboxListParams) {
  const transport = useTransport();
  return useInfiniteQuery({
    queryKey: queryKeys.inboxList(params),
    queryFn: ({ pageParam }) =>
      transport.call('inbox:list', { ...params, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useConversation(conversationId: string | null) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.conversation(conversationId ?? ''),
    queryFn: () => transport.call('inbox:get', { conversationId: conversationId ?? '' }),
    enabled: conversationId !== null,
  });
}

export function useTeams() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.teams,
    queryFn: () => transport.call('inbox:teams', {}),
  });
}

/**
 * Each team's service levels (its own, or the default while it has none or the teams are loading),
 * for the timers of the list and the thread. The teams are read again after every pull.
 */
export function useSlaPolicyOf(): (teamId: string) => SlaPolicy {
  const teams = useTeams().data;
  return useMemo(() => {
    const byTeam = new Map((teams ?? []).map((team) => [team.id, team.sla ?? DEFAULT_SLA_POLICY]));
    return (teamId: string) => byTeam.get(teamId) ?? DEFAULT_SLA_POLICY;
  }, [teams]);
}

/** Who a conversation of this team can be assigned to (the team's members in the cache). */
export function useTeamMembers(teamId: string) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.members(teamId),
    queryFn: () => transport.call('inbox:members', { teamId }),
  });
}
