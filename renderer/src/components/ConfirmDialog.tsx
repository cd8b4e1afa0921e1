import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';

/** What a confirm dialog says about one reason to stop and ask. */
export type ConfirmCopy = {
  title: string;
  message: string;
  /** What confirming costs, in a quieter line under the message. */
  consequence: string | null;
  cancel: string;
  confirm: string;
  /** A red confirm button, for choices that lose something. */
  danger: boolean;
  /** Put on the modal as `data-kind`, for tests. */
  kind?: string;
};

export type ConfirmTestIds = { dialog: string; message: string; cancel: string; confirm: string };

type Props<R> = {
  /** Why the dialog is open; null closes it. */
  reason: R | null;
  describe: (reason: R) => ConfirmCopy;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  testIds: ConfirmTestIds;
};

/**
 * A stop-and-ask modal. The safe choice (cancel) is the default and takes focus; Esc also cancels.
 * Whenever the reason changes while open, or an attempt fails with a new reason, focus goes back to
 * cancel, so a second Enter cannot confirm something the rep has not read about yet.
 */
export function ConfirmDialog<R>({ reason, describe, busy, onCancel, onConfirm, testIds }: Props<R>) {
  // Keep the last reason on screen while the dialog fades out.
  const [shown, setShown] = useState(reason);
  if (reason !== null && reason !== shown) setShown(reason);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (shown !== null) cancelRef.current?.focus();
  }, [shown]);

  const copy = shown !== null ? describe(shown) : null;
  return (
    <Modal
      opened={reason !== null}
      onClose={onCancel}
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
      data-testid={testIds.dialog}
      data-kind={copy?.kind}
    >
      <Stack gap="sm">
        <Text size="md" data-testid={testIds.message}>
          {copy?.message}
        </Text>
        {copy?.consequence && (
          <Text size="sm" c="dimmed">
            {copy.consequence}
          </Text>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button
            ref={cancelRef}
            variant="default"
            onClick={onCancel}
            disabled={busy}
            data-autofocus
            data-testid={testIds.cancel}
          >
            {copy?.cancel}
          </Button>
          <Button
            color={copy?.danger ? 'red' : undefined}
            variant={copy?.danger ? 'filled' : 'light'}
            loading={busy}
            onClick={onConfirm}
            data-testid={testIds.confirm}
          >
            {copy?.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
