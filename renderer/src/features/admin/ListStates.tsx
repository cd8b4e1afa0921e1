import { Alert, Group, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ErrorView } from '../../components/StateViews';
import { errorMessage } from '../../transport';

/**
 * What an admin tab shows while its list loads or cannot be read again: loading, the list as last
 * loaded with why it is stale, or the error with a retry when nothing was ever loaded.
 */
export function ListStates({ query, what }: { query: UseQueryResult<unknown>; what: string }) {
  return (
    <>
      {query.isPending && (
        <Group gap="xs" p="lg">
          <Loader size="sm" />
          <Text size="sm">Loading {what}…</Text>
        </Group>
      )}
      {query.isError && query.data !== undefined && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          mb="sm"
          role="status"
          data-testid="admin-stale"
        >
          Showing the {what} as last loaded. {errorMessage(query.error)}
        </Alert>
      )}
      {query.isError && query.data === undefined && (
        <ErrorView
          title={`Could not load the ${what}`}
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      )}
    </>
  );
}
