import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConversationDetail, SessionInfo } from '../../../shared/api';
import type { Message, SuggestionOutcome } from '../../../shared/domain';
import { useUiStore } from '../state/ui';
import { errorCode, errorMessage } from '../transport';
import { queryKeys } from './keys';
import { useTransport } from './transport';

type SendInput = {
  conversationId: string;
  body: string;
  /** The newest message on screen: the engine refuses with `stale_view` when a newer inbound one arrived. */
  seenMessageId?: string | null;
  /** The rep saw the stale-view warning and sends anyway. */
  confirmStale?: boolean;
  /** What the rep did with the suggestions offered for this reply, if any were. */
  suggestion?: SuggestionOutcome;
};
type SendContext = { placeholderId: string | null };

let placeholderSeq = 0;

function withoutMessage(detail: ConversationDetail, messageId: string): ConversationDetail {
  return { ...detail, messages: detail.messages.filter((message) => message.id !== messageId) };
}

/**
 * The failed body goes back in the composer, ahead of anything typed since: nothing is lost.
 * A stale view is not an error under the box: the composer asks in a dialog instead.
 */
function restoreDraft(conversationId: string, body: string, error: unknown): void {
  const ui = useUiStore.getState();
  const typedSince = ui.drafts[conversationId] ?? '';
  ui.setDraft(conversationId, typedSince.trim() ? `${body}\n\n${typedSince}` : body);
  if (errorCode(error) !== 'stale_view') ui.setSendError(conversationId, errorMessage(error));
}

/**
 * Optimistic: a pending bubble appears at once, is swapped for the engine's own pending message
 * when the call returns, and turns "sent" when an inbox:changed event refetches the conversation.
 */
export function useSendReply() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation<Message, Error, SendInput, SendContext>({
    mutationFn: (input) => transport.call('reply:send', input),
    onMutate: async ({ conversationId, body }) => {
      const ui = useUiStore.getState();
      ui.setDraft(conversationId, '');
      ui.setSendError(conversationId, null);
      const key = queryKeys.conversation(conversationId);
      await queryClient.cancelQueries({ queryKey: key });
      const detail = queryClient.getQueryData<ConversationDetail>(key);
      if (!detail) return { placeholderId: null };
      const user = queryClient.getQueryData<SessionInfo>(queryKeys.session)?.user ?? null;
      const placeholderId = `optimistic-${++placeholderSeq}`;
      const placeholder: Message = {
        id: placeholderId,
        conversationId,
        channel: detail.conversation.channel,
        direction: 'outbound',
        authorId: user?.id ?? null,
        body: body.trim(),
        createdAt: Date.now(),
        status: 'pending',
        clientId: placeholderId,
      };
      const authors = user ? { ...detail.authors, [user.id]: { id: user.id, name: user.name } } : detail.authors;
      queryClient.setQueryData<ConversationDetail>(key, {
        ...detail,
        authors,
        messages: [...detail.messages, placeholder],
      });
      return { placeholderId };
    },
    onSuccess: (message, { conversationId }, context) => {
      queryClient.setQueryData<ConversationDetail>(queryKeys.conversation(conversationId), (detail) => {
        if (!detail) return detail;
        const rest = context.placeholderId ? withoutMessage(detail, context.placeholderId) : detail;
        if (rest.messages.some((m) => m.id === message.id)) return rest;
        return { ...rest, messages: [...rest.messages, message] };
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.inboxLists });
    },
    onError: (error, { conversationId, body }, context) => {
      restoreDraft(conversationId, body, error);
      // The message the rep has not seen yet: bring it on screen.
      if (errorCode(error) === 'stale_view') {
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      }
      const placeholderId = context?.placeholderId;
      if (!placeholderId) return;
      queryClient.setQueryData<ConversationDetail>(queryKeys.conversation(conversationId), (detail) =>
        detail ? withoutMessage(detail, placeholderId) : detail,
      );
    },
  });
}
