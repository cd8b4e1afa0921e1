import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';

/**
 * Why sign-out is on hold: typed drafts that were never sent, replies the engine still holds in
 * its outbox (`unsent_replies`), or a sign-out that failed for another reason.
 */
export type SignOutBlock =
  { kind: 'drafts'; count: number } | { kind: 'unsent_replies'; message: string } | { kind: 'failed'; message: string };

type Props = {
  block: SignOutBlock | null;
  busy: boolean;
  onStay: () => void;
  onConfirm: () => void;
};

const COPY: Record<SignOutBlock['kind'], { title: string; confirm: string; danger: boolean }> = {
  drafts: { title: 'Unsent drafts', confirm: 'Discard drafts and sign out', danger: true },
  unsent_replies: { title: 'Replies not sent yet', confirm: 'Discard and sign out', danger: true },
  failed: { title: 'Could not sign out', confirm: 'Try again', danger: false },
};

function describe(block: SignOutBlock): { message: string; consequence: string | null } {
  switch (block.kind) {
    case 'drafts':
      return {
        message: `You have started ${block.count === 1 ? 'a reply' : `replies in ${block.count} conversations`} without sending ${block.count === 1 ? 'it' : 'them'}.`,
        consequence: 'Signing out clears the reply boxes on this computer.',
      };
    case 'unsent_replies':
      return {
        message: block.message,
        consequence: 'Discarded replies are deleted from this computer and never reach the customer.',
      };
    case 'failed':
      return { message: block.message, consequence: null };
  }
}

/**
 * "Stay signed in" is the default and takes focus; Esc also stays. When the reason changes while
 * open (drafts, then the engine's unsent replies) or an attempt fails, focus goes back to "Stay
 * signed in", so a second Enter cannot discard something the rep has not read about yet.
 */
export function SignOutDialog({ block, busy, onStay, onConfirm }: Props) {
  // Keep the last reason on screen while the dialog fades out.
  const [shown, setShown] = useState(block);
  if (block !== null && block !== shown) setShown(block);
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (shown) stayRef.current?.focus();
  }, [shown]);

  const copy = shown ? COPY[shown.kind] : null;
  const text = shown ? describe(shown) : null;
  return (
    <Modal
      opened={block !== null}
      onClose={onStay}
      closeOnEscape={!busy}
      closeOnClickOutside={!busy}
      withCloseButton={!busy}
      centered
      size={440}
      title={
        <Group gap={8} wrap="nowrap" component="span">
          <IconAlertTriangle size={18} color="var(--mantine-color-orange-6)" aria-hidden />
          {copy?.title}
        </Group>
      }
      data-testid="signout-dialog"
      data-kind={shown?.kind}
    >
      <Stack gap="sm">
        <Text size="md" data-testid="signout-message">
          {text?.message}
        </Text>
        {text?.consequence && (
          <Text size="sm" c="dimmed">
            {text.consequence}
          </Text>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button
            ref={stayRef}
            variant="default"
            onClick={onStay}
            disabled={busy}
            data-autofocus
            data-testid="signout-stay"
          >
            Stay signed in
          </Button>
          <Button
            color={copy?.danger ? 'red' : undefined}
            variant={copy?.danger ? 'filled' : 'light'}
            loading={busy}
            onClick={onConfirm}
            data-testid="signout-confirm"
          >
            {copy?.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
