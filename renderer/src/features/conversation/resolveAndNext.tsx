import { Button, Group, Kbd, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { create } from 'zustand';
import { useUiStore } from '../../state/ui';
import { runCommand, useCommand } from '../keymap/registry';
import { useShortcutHint } from '../keymap/useCommandKeys';
import { useActOnConversation } from './useActOnConversation';

const UNDO_NOTIFICATION = 'resolve-undo';
const UNDO_FOR_MS = 10_000;

type Resolved = { conversationId: string; name: string };

/** The conversation resolved last from the keyboard, while its undo is offered. */
const useLastResolved = create<{ last: Resolved | null }>()(() => ({ last: null }));

function UndoMessage({ name }: { name: string }) {
  const key = useShortcutHint('conversation.undoResolve');
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <Text size="sm" truncate>
        Resolved {name}
      </Text>
      <Button
        size="compact-xs"
        variant="default"
        onClick={() => runCommand('conversation.undoResolve')}
        aria-keyshortcuts={key.aria}
        data-testid="undo-resolve"
        rightSection={key.label && <Kbd size="xs">{key.label}</Kbd>}
      >
        Undo
      </Button>
    </Group>
  );
}

/**
 * Resolve and move on: opens the next conversation in the list, resolves this one, and offers an
 * undo (a button in a notification, and the undo key) for ten seconds.
 */
export function useResolveAndNext(): (resolved: Resolved) => void {
  const act = useActOnConversation();
  return useCallback(
    (resolved: Resolved) => {
      runCommand('inbox.next');
      act({ type: 'status', conversationId: resolved.conversationId, status: 'closed' });
      useLastResolved.setState({ last: resolved });
      notifications.hide(UNDO_NOTIFICATION);
      notifications.show({
        id: UNDO_NOTIFICATION,
        color: 'teal',
        message: <UndoMessage name={resolved.name} />,
        autoClose: UNDO_FOR_MS,
        // Away from the reply box's Send, which the bottom-right corner covers at 1024 px.
        position: 'top-right',
        onClose: () => {
          if (useLastResolved.getState().last === resolved) useLastResolved.setState({ last: null });
        },
        'data-testid': 'resolved-notification',
      });
    },
    [act],
  );
}

/** Provides the undo key while an undo is offered: reopens the conversation and goes back to it. */
export function UndoResolve() {
  const last = useLastResolved((state) => state.last);
  const act = useActOnConversation();
  const selectConversation = useUiStore((state) => state.selectConversation);
  useCommand(
    'conversation.undoResolve',
    () => {
      if (!last) return;
      useLastResolved.setState({ last: null });
      notifications.hide(UNDO_NOTIFICATION);
      act({ type: 'status', conversationId: last.conversationId, status: 'open' });
      selectConversation(last.conversationId);
    },
    last !== null,
  );
  return null;
}
