import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsoleQuery, CsatQuery, CsatQuestionInput } from '../../../shared/api';
import type { RoutingSettings } from '../../../shared/domain/routing';
import type { SlaPolicy } from '../../../shared/domain/sla';
import type { AuditQuery } from '../../../shared/sync/audit';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** The lead console's figures; kept live by inbox:changed (events.ts) and a minute's tick for waiting times. */
export function useConsoleOverview(query: ConsoleQuery) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.console(query),
    queryFn: () => transport.call('console:overview', query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Gives several conversations to one rep (or back to the queue) as one action. */
export function useAssignMany() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { conversationIds: string[]; assigneeId: string | null }) =>
      transport.call('conversations:assign', input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.consoleAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.inboxLists });
    },
  });
}

/** The server's audit log, newest first, a page at a time (`before` = the previous page's `next`). */
export function useAuditSearch(query: Omit<AuditQuery, 'before' | 'limit'>, enabled: boolean) {
  const transport = useTransport();
  return useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam }) =>
      transport.call('audit:search', { ...query, limit: 50, ...(pageParam === null ? {} : { before: pageParam }) }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.next,
    enabled,
  });
}

/**
 * Satisfaction scores of the range, from the server (fails offline). Not reread on every change of
 * the queue: when the tab is shown and every minute while it is.
 */
export function useCsatReport(query: CsatQuery, enabled: boolean) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.csat(query),
    queryFn: () => transport.call('csat:report', query),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: 60_000,
    enabled,
  });
}

/** Sets (or, with null, stops) the survey question a team sends when a conversation is resolved. */
export function useSetCsatQuestion() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CsatQuestionInput) => transport.call('csat:set-question', input),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.csatAll }),
  });
}

/** A team's routing settings, from the server (offline: an error saying so). */
export function useRoutingSettings(teamId: string | null) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.routing(teamId ?? ''),
    queryFn: () => transport.call('routing:get', { teamId: teamId ?? '' }),
    enabled: teamId !== null,
    retry: false,
  });
}

/** Saves a team's routing settings on the server; the answer (as stored) replaces what was read. */
export function useSaveRouting() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { teamId: string; settings: RoutingSettings }) => transport.call('routing:save', input),
    onSuccess: (saved, { teamId }) => queryClient.setQueryData(queryKeys.routing(teamId), saved),
  });
}

/**
 * Saves a team's service levels on the server (null: the default). The cache gets them with the
 * team's next change, so the teams are read again once that pull has landed (events.ts).
 */
export function useSaveSla() {
  const transport = useTransport();
  return useMutation({
    mutationFn: (input: { teamId: string; sla: SlaPolicy | null }) => transport.call('sla:save', input),
  });
}

/** How the range's conversations changed hands, from the server's audit log (fails offline); every minute. */
export function useAssignmentCounts(query: CsatQuery) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.assignments(query),
    queryFn: () => transport.call('console:assignments', query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    retry: false,
  });
}
