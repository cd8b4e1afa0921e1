import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/**
 * Suggested replies to the conversation's latest inbound message (`latestInboundId`): Caredesk's
 * own at once, then — when an admin turned the language model on — the model's phrasing of them,
 * which replaces them when it arrives (at most 3 s later; the engine falls back on its own).
 */
export function useSuggestions(conversationId: string, latestInboundId: string | null) {
  const transport = useTransport();
  const own = useQuery({
    queryKey: queryKeys.suggestions(conversationId, latestInboundId),
    queryFn: () => transport.call('suggestions:forConversation', { conversationId }),
    enabled: latestInboundId !== null,
  });
  const phrased = useQuery({
    queryKey: queryKeys.phrasedSuggestions(conversationId, latestInboundId),
    queryFn: () => transport.call('suggestions:forConversation', { conversationId, phrase: true }),
    enabled: latestInboundId !== null && own.data?.assist === 'on',
    staleTime: Infinity,
    retry: false,
  });
  return {
    data: phrased.data ?? own.data,
    /** The model is phrasing the replies (Caredesk's own are shown meanwhile). */
    phrasing: phrased.isFetching,
  };
}
