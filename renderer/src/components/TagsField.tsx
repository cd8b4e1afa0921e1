import { TagsInput } from '@mantine/core';
import { IconTag } from '@tabler/icons-react';
import type { Ref } from 'react';

type Props = {
  tags: string[];
  /** Tags seen elsewhere in the inbox, offered as the rep types. */
  suggestions: string[];
  error: string | null;
  inputRef?: Ref<HTMLInputElement>;
  onChange: (tags: string[]) => void;
  onEscape?: () => void;
  /** The key that focuses the field, as aria-keyshortcuts and as shown ("T"). */
  shortcut?: { aria?: string; label: string | null };
};

/**
 * The conversation's tags as pills: type and press Enter (or a comma) to add, Backspace in the
 * empty field or a pill's × to remove. Its command (`t` by default) focuses it.
 */
export function TagsField({ tags, suggestions, error, inputRef, onChange, onEscape, shortcut }: Props) {
  return (
    <TagsInput
      ref={inputRef}
      size="xs"
      variant="unstyled"
      aria-label="Tags"
      aria-keyshortcuts={shortcut?.aria}
      placeholder={tags.length === 0 ? `Add a tag${shortcut?.label ? ` (${shortcut.label})` : ''}` : '+ tag'}
      leftSection={<IconTag size={13} aria-hidden />}
      leftSectionWidth={22}
      value={tags}
      data={suggestions}
      limit={8}
      splitChars={[',']}
      acceptValueOnBlur={false}
      onChange={onChange}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onEscape) onEscape();
      }}
      error={error}
      data-testid="tags-input"
      styles={{
        input: { minHeight: 22, paddingTop: 1, paddingBottom: 1 },
        pill: { fontSize: 'var(--mantine-font-size-xs)' },
      }}
    />
  );
}
