import { Button, Group, Kbd, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconSend } from '@tabler/icons-react';
import type { KeyboardEvent, Ref } from 'react';
import { CHANNEL_LABELS } from '../../../shared/domain';
import classes from './ComposerBox.module.css';
import type { Channel } from '../../../shared/domain';

type Props = {
  channel: Channel;
  value: string;
  error: string | null;
  disabled?: boolean;
  isMac: boolean;
  inputRef?: Ref<HTMLTextAreaElement>;
  onChange: (value: string) => void;
  onSend: () => void;
  onEscape?: () => void;
};

/** The reply box. A failed send (disk full, engine gone) shows why underneath; the text stays in the box. */
export function ComposerBox({ channel, value, error, disabled, isMac, inputRef, onChange, onSend, onEscape }: Props) {
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSend();
    } else if (event.key === 'Escape' && onEscape) {
      event.preventDefault();
      onEscape();
    }
  };
  const empty = value.trim() === '';
  return (
    <div>
      <Textarea
        ref={inputRef}
        aria-label={`Reply on ${CHANNEL_LABELS[channel]}`}
        placeholder={`Reply on ${CHANNEL_LABELS[channel]}…`}
        autosize
        minRows={2}
        maxRows={10}
        value={value}
        disabled={disabled ?? false}
        onChange={(event) => onChange(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-keyshortcuts="r"
        // Mantine puts the message right under the field and points aria-describedby at it.
        error={
          error ? (
            <span role="alert" data-testid="composer-error" className={classes.error}>
              <IconAlertCircle size={14} aria-hidden className={classes.errorIcon} />
              <span>{error}</span>
            </span>
          ) : undefined
        }
        // The text is fine, it could not be stored: keep it readable, not red.
        withErrorStyles={false}
        data-testid="composer-input"
        styles={{ input: { fontSize: 'var(--mantine-font-size-md)' } }}
      />
      <Group justify="space-between" mt={6} wrap="nowrap" gap="sm">
        <Text size="xs" c="dimmed">
          <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd> + <Kbd size="xs">Enter</Kbd> to send
        </Text>
        <Button
          size="xs"
          leftSection={<IconSend size={14} />}
          onClick={onSend}
          disabled={empty || (disabled ?? false)}
          data-testid="composer-send"
        >
          Send
        </Button>
      </Group>
    </div>
  );
}
