import { Alert, Group, Loader, Text } from '@mantine/core';
import { errorMessage } from '../../transport';

/** One dense line saying what is loading. */
export function LoadingLine({ label }: { label: string }) {
  return (
    <Group gap={6}>
      <Loader size="xs" />
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

/** A failed call in the engine's words (offline says so: "You are offline — …"). */
export function FailedLine({ title, error }: { title?: string; error: unknown }) {
  return (
    <Alert color="red" variant="light" role="alert" p="xs" title={title}>
      {errorMessage(error)}
    </Alert>
  );
}
