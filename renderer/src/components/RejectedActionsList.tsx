import { Button, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { RejectedAction } from '../../../shared/api';
import { formatAge, formatFull } from '../lib/time';
import classes from './RejectedActionsList.module.css';

type Props = {
  items: RejectedAction[] | undefined;
  loading: boolean;
  error: string | null;
  now: number;
  /** The action being dismissed, while its call runs. */
  dismissing: string | null;
  dismissError: string | null;
  onDismiss: (actionId: string) => void;
  onOpen: (conversationId: string) => void;
  onRetry: () => void;
};

/** Changes the server refused (their local effect already undone), each with its reason. */
export function RejectedActionsList(props: Props) {
  const { items, loading, error, now } = props;
  if (loading) {
    return (
      <Stack align="center" p="md" gap={6}>
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      </Stack>
    );
  }
  if (error !== null) {
    return (
      <Stack p="sm" gap={6} role="alert">
        <Text size="sm" c="red">
          Could not load the refused changes: {error}
        </Text>
        <Button size="compact-xs" variant="default" onClick={props.onRetry} style={{ alignSelf: 'flex-start' }}>
          Try again
        </Button>
      </Stack>
    );
  }
  if (!items || items.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="sm">
        Every change you made was applied.
      </Text>
    );
  }
  return (
    <div>
      <Text size="xs" c="dimmed" px="sm" pt="xs" pb={4}>
        The server did not apply these. Nothing else you did is affected.
      </Text>
      <ul className={classes.list} aria-label="Changes not applied">
        {items.map((item) => (
          <li key={item.actionId} className={classes.item} data-testid="rejected-action" data-action-id={item.actionId}>
            <IconAlertTriangle size={14} className={classes.icon} aria-hidden />
            <div className={classes.body}>
              <UnstyledButton
                className={classes.summary}
                onClick={() => item.conversationId !== null && props.onOpen(item.conversationId)}
                title="Open the conversation"
              >
                {item.summary}
              </UnstyledButton>
              <Text size="sm" c="dimmed" data-testid="rejected-reason">
                {item.reason}
              </Text>
              <Text size="xs" c="dimmed" title={formatFull(item.at)}>
                {formatAge(item.at, now)} ago
              </Text>
            </div>
            <Button
              size="compact-xs"
              variant="default"
              loading={props.dismissing === item.actionId}
              onClick={() => props.onDismiss(item.actionId)}
              aria-label={`Dismiss: ${item.summary}`}
              data-testid="rejected-dismiss"
            >
              Dismiss
            </Button>
          </li>
        ))}
      </ul>
      {props.dismissError && (
        <Text size="xs" c="red" px="sm" pb="xs" role="alert">
          {props.dismissError}
        </Text>
      )}
    </div>
  );
}
