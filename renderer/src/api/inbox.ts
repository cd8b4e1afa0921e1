import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
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

/** Who a conversation of this team can be assigned to (the team's members in the cache). */
export function useTeamMembers(teamId: string) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.members(teamId),
    queryFn: () => transport.call('inbox:members', { teamId }),
  });
}
