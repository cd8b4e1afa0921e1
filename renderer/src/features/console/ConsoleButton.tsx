import { Button } from '@mantine/core';
import { IconChartBar, IconInbox } from '@tabler/icons-react';
import { useSession } from '../../api/session';
import { useUiStore } from '../../state/ui';

/** The header switch between the inbox and the lead console (leads and admins only). */
export function ConsoleButton() {
  const role = useSession().data?.user?.role;
  const view = useUiStore((state) => state.view);
  const setView = useUiStore((state) => state.setView);
  if (role !== 'lead' && role !== 'admin') return null;
  const inConsole = view === 'console';
  return (
    <Button
      variant={inConsole ? 'light' : 'subtle'}
      color={inConsole ? 'indigo' : 'gray'}
      size="compact-sm"
      leftSection={inConsole ? <IconInbox size={15} stroke={1.7} /> : <IconChartBar size={15} stroke={1.7} />}
      onClick={() => setView(inConsole ? 'inbox' : 'console')}
      data-testid="console-toggle"
    >
      {inConsole ? 'Inbox' : 'Console'}
    </Button>
  );
}
