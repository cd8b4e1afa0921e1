import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** Suggested replies to the conversation's latest inbound message (`latestInboundId`). */
export function useSuggestions(conversationId: string, latestInboundId: string | null) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.suggestions(conversationId, latestInboundId),
    queryFn: () => transport.call('suggestions:forConversation', { conversationId }),
    enabled: latestInboundId !== null,
  });
}
