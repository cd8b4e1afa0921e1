import { ActionIcon, Tooltip } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { useMemo } from 'react';
import { ShortcutsDialog } from '../../components/ShortcutsDialog';
import type { ShortcutGroup } from '../../components/ShortcutsDialog';
import { formatBinding } from '../../lib/keymap/binding';
import { COMMAND_GROUPS, COMMANDS } from '../../lib/keymap/commands';
import { keysOf } from '../../lib/keymap/match';
import { useKeymapStore } from '../keymap/registry';
import { useAriaKeys } from '../keymap/useCommandKeys';

/** The "?" help, or the header button: every command with its current keys, from the keymap. */
export function ShortcutsHelp() {
  const opened = useKeymapStore((state) => state.helpOpen);
  const setOpened = useKeymapStore((state) => state.setHelpOpen);
  const overrides = useKeymapStore((state) => state.overrides);
  const provided = useKeymapStore((state) => state.provided);
  const aria = useAriaKeys('shortcuts.help');

  const groups = useMemo<ShortcutGroup[]>(
    () =>
      COMMAND_GROUPS.map((title) => ({
        title,
        shortcuts: COMMANDS.filter(
          (command) => command.group === title && (!command.optional || (provided[command.id] ?? 0) > 0),
        ).map((command) => ({
          id: command.id,
          action: command.name,
          keys: keysOf(command, overrides).map((binding) => formatBinding(binding)),
          ...(command.alsoKeys ? { note: command.alsoKeys } : {}),
        })),
      })),
    [overrides, provided],
  );

  return (
    <>
      <Tooltip label="Keyboard shortcuts">
        <ActionIcon
          variant="subtle"
          color="gray"
          size="md"
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts={aria}
          onClick={() => setOpened(true)}
          data-testid="shortcuts-button"
        >
          <IconKeyboard size={16} stroke={1.7} />
        </ActionIcon>
      </Tooltip>
      <ShortcutsDialog opened={opened} groups={groups} onClose={() => setOpened(false)} />
    </>
  );
}
