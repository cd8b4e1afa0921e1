import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import type { ConversationAction } from '../../../../shared/api';
import { useConversationAction } from '../../api/actions';
import { describeAction } from '../../lib/conversationActions';
import { errorMessage } from '../../transport';

export type Act = (action: ConversationAction, names?: { assigneeName?: string | null }) => void;

function couldNot(what: string): string {
  return `Couldn't ${what.charAt(0).toLowerCase()}${what.slice(1)}`;
}

/**
 * Runs an action and, when the engine could not store it, says so where the rep will see it
 * (a note's failure shows under the note box instead, with the text put back).
 */
export function useActOnConversation(): Act {
  const { mutateAsync } = useConversationAction();
  return useCallback<Act>(
    (action, names = {}) => {
      // One promise per call, so two quick actions each report their own failure.
      mutateAsync({ action, assigneeName: names.assigneeName ?? null }).catch((error: unknown) => {
        if (action.type === 'note') return;
        notifications.show({
          color: 'red',
          title: couldNot(describeAction(action, names)),
          message: errorMessage(error),
          'data-testid': 'action-error',
        });
      });
    },
    [mutateAsync],
  );
}
