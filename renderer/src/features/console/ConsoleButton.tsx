import { Button } from '@mantine/core';
import { IconChartBar, IconInbox } from '@tabler/icons-react';
import { useSession } from '../../api/session';
import { useUiStore } from '../../state/ui';
import { useCommand } from '../keymap/registry';
import { useShortcutHint } from '../keymap/useCommandKeys';

/** The header switch between the inbox and the lead console (leads and admins only). */
export function ConsoleButton() {
  const role = useSession().data?.user?.role;
  const view = useUiStore((state) => state.view);
  const setView = useUiStore((state) => state.setView);
  const allowed = role === 'lead' || role === 'admin';
  const inConsole = view === 'console';
  useCommand('view.console', () => setView(inConsole ? 'inbox' : 'console'), allowed);
  const hint = useShortcutHint('view.console');
  if (!allowed) return null;
  return (
    <Button
      variant={inConsole ? 'light' : 'subtle'}
      color={inConsole ? 'indigo' : 'gray'}
      size="compact-sm"
      leftSection={inConsole ? <IconInbox size={15} stroke={1.7} /> : <IconChartBar size={15} stroke={1.7} />}
      onClick={() => setView(inConsole ? 'inbox' : 'console')}
      data-testid="console-toggle"
      aria-keyshortcuts={hint.aria}
      title={hint.label ? `Team console (${hint.label})` : 'Team console'}
    >
      {inConsole ? 'Inbox' : 'Console'}
    </Button>
  );
}
