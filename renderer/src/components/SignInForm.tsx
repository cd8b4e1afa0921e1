import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import type { FormEvent } from 'react';

type Props = {
  email: string;
  password: string;
  error: string | null;
  notice: string | null;
  submitting: boolean;
  memoryOnly: boolean;
  onEmail: (value: string) => void;
  onPassword: (value: string) => void;
  onSubmit: () => void;
};

export function SignInForm(props: Props) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack gap="md">
        {props.notice && (
          <Alert color="yellow" variant="light" p="xs" icon={<IconAlertCircle size={16} />}>
            {props.notice}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          value={props.email}
          onChange={(event) => props.onEmail(event.currentTarget.value)}
          data-testid="signin-email"
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={props.password}
          onChange={(event) => props.onPassword(event.currentTarget.value)}
          data-testid="signin-password"
        />
        {props.error && (
          <Text size="sm" c="red" role="alert" data-testid="signin-error" style={{ display: 'flex', gap: 6 }}>
            <IconAlertCircle size={16} style={{ flexShrink: 0, marginTop: 1 }} aria-hidden />
            <span>{props.error}</span>
          </Text>
        )}
        <Button type="submit" fullWidth loading={props.submitting} data-testid="signin-submit">
          Sign in
        </Button>
        {props.memoryOnly && (
          <Text size="xs" c="dimmed" style={{ display: 'flex', gap: 6 }}>
            <IconLock size={14} style={{ flexShrink: 0 }} aria-hidden />
            <span>Your sign-in is kept for this launch only (no OS keychain available).</span>
          </Text>
        )}
      </Stack>
    </form>
  );
}
