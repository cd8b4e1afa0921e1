import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** The signed-in rep's unread conversations, newest inbound message first. */
export function useUnread() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.unread,
    queryFn: () => transport.call('inbox:unread', {}),
  });
}

/** Marks a conversation read for this rep (the engine then reports it changed). */
export function useMarkRead() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (conversationId: string) => transport.call('inbox:markRead', { conversationId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.unread }),
  });
}
