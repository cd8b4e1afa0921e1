import { Button, Popover } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useDismissRejected, useRejectedActions } from '../../api/actions';
import { useSyncStatus } from '../../api/sync';
import { RejectedActionsList } from '../../components/RejectedActionsList';
import { useNow } from '../../lib/useNow';
import { useUiStore } from '../../state/ui';
import { errorMessage } from '../../transport';
import { useRejectedNotifications } from './useRejectedNotifications';

/**
 * "2 changes not applied" in the header while the server has refused any of the rep's actions:
 * opens the list with each reason and a Dismiss. Nothing refused is dropped without the rep seeing it.
 */
export function RejectedActions() {
  useRejectedNotifications();
  const list = useRejectedActions();
  const counted = useSyncStatus().data?.rejectedActions ?? 0;
  const dismiss = useDismissRejected();
  const selectConversation = useUiStore((state) => state.selectConversation);
  const [opened, setOpened] = useState(false);
  const now = useNow();
  const count = list.data?.length ?? counted;
  // The last one dismissed: the list has nothing more to say.
  useEffect(() => {
    if (count === 0) setOpened(false);
  }, [count]);
  if (count === 0) return null;

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={380} shadow="md" trapFocus>
      <Popover.Target>
        <Button
          size="compact-sm"
          variant="light"
          color="orange"
          leftSection={<IconAlertTriangle size={14} aria-hidden />}
          onClick={() => setOpened((open) => !open)}
          aria-haspopup="dialog"
          aria-expanded={opened}
          data-testid="rejected-actions"
          data-count={count}
        >
          {count} {count === 1 ? 'change' : 'changes'} not applied
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="rejected-actions-list" aria-label="Changes not applied">
        <RejectedActionsList
          items={list.data}
          loading={list.isPending}
          error={list.isError ? errorMessage(list.error) : null}
          now={now}
          dismissing={dismiss.isPending ? (dismiss.variables ?? null) : null}
          dismissError={dismiss.isError ? errorMessage(dismiss.error) : null}
          onDismiss={(actionId) => dismiss.mutate(actionId)}
          onOpen={(conversationId) => {
            selectConversation(conversationId);
            setOpened(false);
          }}
          onRetry={() => void list.refetch()}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
