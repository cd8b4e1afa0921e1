import { Center, Loader, Stack, Text } from '@mantine/core';
import { useApiEvents } from '../api/events';
import { useSession } from '../api/session';
import { useEngineLink } from '../api/transport';
import { ErrorView } from '../components/StateViews';
import { SignInScreen } from '../features/signin/SignInScreen';
import { errorMessage } from '../transport';
import { Workspace } from './Workspace';

/** Signed in or not: the one decision above every screen. */
export function Root() {
  useApiEvents();
  const session = useSession();
  const link = useEngineLink();

  if (session.isPending) {
    return (
      <Center h="100%">
        <Stack align="center" gap="xs">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            {link.state === 'connected' ? 'Starting Caredesk…' : link.detail}
          </Text>
        </Stack>
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100%">
        <ErrorView
          title="Caredesk could not start"
          message={link.state === 'connected' ? errorMessage(session.error) : link.detail}
          onRetry={() => void session.refetch()}
          retrying={session.isFetching}
        />
      </Center>
    );
  }
  return session.data.user ? <Workspace /> : <SignInScreen />;
}
