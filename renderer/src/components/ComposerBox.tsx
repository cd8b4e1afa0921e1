import { Button, Group, Kbd, SegmentedControl, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconNote, IconSend } from '@tabler/icons-react';
import type { ReactNode, Ref } from 'react';
import { CHANNEL_LABELS } from '../../../shared/domain';
import classes from './ComposerBox.module.css';
import type { Channel } from '../../../shared/domain';

export type ComposerMode = 'reply' | 'note';

const MODES: { value: ComposerMode; label: string }[] = [
  { value: 'reply', label: 'Reply' },
  { value: 'note', label: 'Internal note' },
];

type Props = {
  channel: Channel;
  /** A reply to the customer, or an internal note for the team (tinted, never sent). */
  mode?: ComposerMode;
  onMode?: (mode: ComposerMode) => void;
  value: string;
  error: string | null;
  /** "9,512 / 10,000" near the length cap, else null. */
  counter?: string | null;
  /** Set when the reply is too long to send; Send stays off until it is shorter. */
  lengthError?: string | null;
  /** Why the reply cannot be sent as it is (a canned resolution's variable left in it); Send stays off. */
  blocked?: string | null;
  /** Extra controls beside the mode switch (the canned resolution picker). */
  toolbar?: ReactNode;
  disabled?: boolean;
  /** The send key as key caps (["Ctrl", "Enter"]), or null when it has none. */
  sendKeys: string[] | null;
  /** aria-keyshortcuts of the key that jumps into this box. */
  focusKeys?: string;
  inputRef?: Ref<HTMLTextAreaElement>;
  onChange: (value: string) => void;
  onSend: () => void;
};

/**
 * The reply box. A failed send (disk full, engine gone) or a reply over the length cap shows why
 * underneath; the text always stays in the box, whole. Its keys (send, leave) are keymap commands
 * scoped to `data-composer`.
 */
export function ComposerBox({
  channel,
  mode = 'reply',
  onMode,
  value,
  error,
  counter = null,
  lengthError = null,
  blocked = null,
  toolbar,
  disabled,
  sendKeys,
  focusKeys,
  inputRef,
  onChange,
  onSend,
}: Props) {
  const empty = value.trim() === '';
  const note = mode === 'note';
  const label = note ? 'Internal note' : `Reply on ${CHANNEL_LABELS[channel]}`;
  return (
    <div data-composer>
      <Textarea
        ref={inputRef}
        aria-label={label}
        placeholder={note ? 'Internal note: only your team sees it, never the customer…' : `${label}…`}
        autosize
        minRows={2}
        maxRows={10}
        value={value}
        disabled={disabled ?? false}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-keyshortcuts={focusKeys}
        // Mantine puts the message right under the field and points aria-describedby at it.
        error={
          error || lengthError || blocked ? (
            <>
              {blocked && (
                <span role="alert" data-testid="composer-blocked" className={classes.error}>
                  <IconAlertCircle size={14} aria-hidden className={classes.errorIcon} />
                  <span>{blocked}</span>
                </span>
              )}
              {lengthError && (
                <span role="alert" data-testid="composer-length-error" className={classes.error}>
                  <IconAlertCircle size={14} aria-hidden className={classes.errorIcon} />
                  <span>{lengthError}</span>
                </span>
              )}
              {error && (
                <span role="alert" data-testid={note ? 'note-error' : 'composer-error'} className={classes.error}>
                  <IconAlertCircle size={14} aria-hidden className={classes.errorIcon} />
                  <span>{error}</span>
                </span>
              )}
            </>
          ) : undefined
        }
        // The text is fine, it could not be stored: keep it readable, not red.
        withErrorStyles={false}
        data-testid={note ? 'note-input' : 'composer-input'}
        data-mode={mode}
        classNames={note ? { input: classes.noteInput } : undefined}
        styles={{ input: { fontSize: 'var(--mantine-font-size-md)' } }}
      />
      <Group mt={6} wrap="nowrap" gap="sm">
        {onMode && (
          <SegmentedControl
            size="xs"
            aria-label="Write a"
            value={mode}
            data={MODES}
            onChange={(next) => onMode(next)}
            data-testid="composer-mode"
          />
        )}
        {toolbar}
        {sendKeys && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {sendKeys.map((key, i) => (
              <span key={key}>
                {i > 0 && ' + '}
                <Kbd size="xs">{key}</Kbd>
              </span>
            ))}{' '}
            {note ? 'to add' : 'to send'}
          </Text>
        )}
        {counter && (
          <Text
            size="xs"
            c={lengthError ? 'var(--mantine-color-error)' : 'dimmed'}
            ml="auto"
            className={classes.counter}
            aria-label={`${counter} characters`}
            data-testid="composer-counter"
            data-over={lengthError ? true : undefined}
          >
            {counter}
          </Text>
        )}
        <Button
          size="xs"
          ml={counter ? undefined : 'auto'}
          color={note ? 'yellow' : undefined}
          variant={note ? 'light' : 'filled'}
          leftSection={note ? <IconNote size={14} /> : <IconSend size={14} />}
          onClick={onSend}
          disabled={empty || lengthError !== null || blocked !== null || (disabled ?? false)}
          data-testid={note ? 'note-submit' : 'composer-send'}
        >
          {note ? 'Add note' : 'Send'}
        </Button>
      </Group>
    </div>
  );
}
