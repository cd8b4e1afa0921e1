import { Center, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSession, useSignIn } from '../../api/session';
import { Brand } from '../../components/Brand';
import { SignInDiscardDialog } from '../../components/SignInDiscardDialog';
import { SignInForm } from '../../components/SignInForm';
import { useUiStore } from '../../state/ui';
import { errorCode, errorMessage } from '../../transport';

function describeError(error: unknown, serverUrl: string | undefined): string {
  switch (errorCode(error)) {
    case 'bad_credentials':
      return 'Wrong email or password.';
    case 'server_unreachable':
      return serverUrl
        ? `Can't reach the Caredesk server at ${serverUrl}. Check your connection and try again.`
        : errorMessage(error);
    default:
      return errorMessage(error);
  }
}

export function SignInScreen() {
  const session = useSession();
  const signIn = useSignIn();
  const endedReason = useUiStore((state) => state.sessionEndedReason);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  // The engine's `unsent_replies` message while the rep decides; the password stays in the form state.
  const [unsentMessage, setUnsentMessage] = useState<string | null>(null);

  const run = (discardUnsentReplies: boolean) => {
    signIn.mutate(
      { email: email.trim(), password, discardUnsentReplies },
      {
        onSuccess: () => setUnsentMessage(null),
        // Asked once: any later failure (even another `unsent_replies`) goes under the form.
        onError: (failure) =>
          setUnsentMessage(
            !discardUnsentReplies && errorCode(failure) === 'unsent_replies' ? errorMessage(failure) : null,
          ),
      },
    );
  };

  const submit = () => {
    if (signIn.isPending) return;
    if (email.trim() === '') return setLocalError('Enter your email.');
    if (password === '') return setLocalError('Enter your password.');
    setLocalError(null);
    run(false);
  };

  const discardAndSignIn = () => {
    if (!signIn.isPending) run(true);
  };

  // While the dialog asks, the same words are not repeated (and announced) behind it.
  const error =
    localError ??
    (signIn.error && unsentMessage === null ? describeError(signIn.error, session.data?.serverUrl) : null);

  return (
    <Center h="100%" p="md">
      <Stack w={340} gap="lg">
        <Center>
          <Brand size="lg" />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="md" bg="var(--cd-pane-bg)">
          <Stack gap={4} mb="lg">
            <Text fw={600} size="lg" component="h1" m={0}>
              Sign in
            </Text>
            <Text size="sm" c="dimmed">
              Use your Caredesk account{session.data?.serverUrl ? ` on ${session.data.serverUrl}` : ''}.
            </Text>
          </Stack>
          <SignInForm
            email={email}
            password={password}
            error={error}
            notice={endedReason}
            submitting={signIn.isPending}
            memoryOnly={session.data?.secretStore === 'memory'}
            onEmail={(value) => {
              setEmail(value);
              setLocalError(null);
            }}
            onPassword={(value) => {
              setPassword(value);
              setLocalError(null);
            }}
            onSubmit={submit}
          />
        </Paper>
      </Stack>
      <SignInDiscardDialog
        message={unsentMessage}
        busy={signIn.isPending}
        onCancel={() => setUnsentMessage(null)}
        onConfirm={discardAndSignIn}
      />
    </Center>
  );
}
