import { Button, EmptyState } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';

type ErrorProps = { title?: string; message: string; onRetry?: () => void; retrying?: boolean };

/** A failed load, said in words, with a way to try again. */
export function ErrorView({ title = 'Could not load this', message, onRetry, retrying }: ErrorProps) {
  return (
    <EmptyState
      size="sm"
      p="lg"
      role="alert"
      icon={<IconAlertTriangle size={22} stroke={1.6} />}
      variant="light"
      color="red"
      title={title}
      description={message}
    >
      {onRetry && (
        <EmptyState.Actions>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={retrying ?? false}
            onClick={onRetry}
          >
            Try again
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}

type EmptyProps = { icon: ReactNode; title: string; description?: ReactNode };

export function EmptyView({ icon, title, description }: EmptyProps) {
  return <EmptyState size="sm" p="lg" icon={icon} withIndicatorBackground title={title} description={description} />;
}
