import { ActionIcon, Tooltip } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { ShortcutsDialog } from '../../components/ShortcutsDialog';
import { isMac, isShortcutKeystroke } from '../../lib/keyboard';
import { shortcutGroups } from '../../lib/shortcuts';

/** "?" anywhere outside a text field, or the header button, lists every shortcut. */
export function ShortcutsHelp() {
  const [opened, setOpened] = useState(false);
  const groups = useMemo(() => shortcutGroups(isMac), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || !isShortcutKeystroke(event)) return;
      event.preventDefault();
      setOpened(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <Tooltip label="Keyboard shortcuts (?)">
        <ActionIcon
          variant="subtle"
          color="gray"
          size="md"
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
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
