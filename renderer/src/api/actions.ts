import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type {
  ConversationAction,
  ConversationDetail,
  ConversationPage,
  RejectedAction,
  SessionInfo,
} from '../../../shared/api';
import { applyAction } from '../lib/conversationActions';
import { useUiStore } from '../state/ui';
import { errorMessage } from '../transport';
import { queryKeys } from './keys';
import { useTransport } from './transport';

export type ActInput = {
  action: ConversationAction;
  /** The assignee's name, so the header can show it before the engine answers. */
  assigneeName?: string | null;
};

let placeholderSeq = 0;

function patchLists(queryClient: QueryClient, input: ActInput): void {
  const { conversationId } = input.action;
  queryClient.setQueriesData<InfiniteData<ConversationPage>>({ queryKey: queryKeys.inboxLists }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) =>
              item.id === conversationId ? applyAction(item, input.action, input) : item,
            ),
          })),
        }
      : data,
  );
}

function patchDetail(queryClient: QueryClient, input: ActInput): void {
  const { action } = input;
  const user = queryClient.getQueryData<SessionInfo>(queryKeys.session)?.user ?? null;
  queryClient.setQueryData<ConversationDetail>(queryKeys.conversation(action.conversationId), (detail) => {
    if (!detail) return detail;
    const next = { ...detail, conversation: applyAction(detail.conversation, action, input) };
    if (action.type !== 'note' || !user) return next;
    const id = `optimistic-note-${++placeholderSeq}`;
    return {
      ...next,
      authors: { ...detail.authors, [user.id]: { id: user.id, name: user.name } },
      notes: [
        ...detail.notes,
        {
          id,
          conversationId: action.conversationId,
          authorId: user.id,
          body: action.body.trim(),
          createdAt: Date.now(),
          clientId: id,
          pending: true,
        },
      ],
    };
  });
}

/**
 * One rep action (assign, resolve, snooze, tag, note, link). The engine stores it with its effect
 * in one transaction; the change shows here at once and the engine's answer then replaces it.
 * A failed call leaves nothing behind: the refetch brings back what the engine holds.
 */
export function useConversationAction() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation<{ actionId: string }, Error, ActInput>({
    mutationFn: ({ action }) => transport.call('conversation:act', action),
    onMutate: async (input) => {
      if (input.action.type === 'note') {
        const ui = useUiStore.getState();
        ui.setNoteDraft(input.action.conversationId, '');
        ui.setNoteError(input.action.conversationId, null);
      }
      await queryClient.cancelQueries({ queryKey: queryKeys.conversation(input.action.conversationId) });
      await queryClient.cancelQueries({ queryKey: queryKeys.inboxLists });
      patchDetail(queryClient, input);
      patchLists(queryClient, input);
    },
    onError: (error, { action }) => {
      // A note that could not be stored goes back in the note box, ahead of anything typed since.
      if (action.type !== 'note') return;
      const ui = useUiStore.getState();
      const typedSince = ui.noteDrafts[action.conversationId] ?? '';
      ui.setNoteDraft(action.conversationId, typedSince.trim() ? `${action.body}\n\n${typedSince}` : action.body);
      ui.setNoteError(action.conversationId, errorMessage(error));
    },
    onSettled: (_result, _error, { action }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(action.conversationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.inboxLists });
    },
  });
}

/** Actions the server refused, until dismissed; refreshed by the outbox:rejected event (events.ts). */
export function useRejectedActions() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.rejectedActions,
    queryFn: () => transport.call('outbox:rejected', {}),
    staleTime: Infinity,
  });
}

export function useDismissRejected() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (actionId: string) => transport.call('outbox:dismiss', { actionId }),
    onSuccess: (_result, actionId) => {
      queryClient.setQueryData<RejectedAction[]>(queryKeys.rejectedActions, (list) =>
        list?.filter((item) => item.actionId !== actionId),
      );
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.rejectedActions });
    },
  });
}
