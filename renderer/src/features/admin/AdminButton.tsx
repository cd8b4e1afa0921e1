import { Button } from '@mantine/core';
import { IconInbox, IconUsersGroup } from '@tabler/icons-react';
import { reachOf } from '../../../../shared/domain/permissions';
import { useSession } from '../../api/session';
import { useUiStore } from '../../state/ui';
import { useCommand } from '../keymap/registry';
import { useShortcutHint } from '../keymap/useCommandKeys';

/** The header switch to the admin screen (admins only; also "view.admin" in the command palette). */
export function AdminButton() {
  const role = useSession().data?.user?.role;
  const view = useUiStore((state) => state.view);
  const setView = useUiStore((state) => state.setView);
  const allowed = role !== undefined && reachOf(role, 'manageUsers') !== 'none';
  const inAdmin = view === 'admin';
  useCommand('view.admin', () => setView(inAdmin ? 'inbox' : 'admin'), allowed);
  const hint = useShortcutHint('view.admin');
  if (!allowed) return null;
  return (
    <Button
      variant={inAdmin ? 'light' : 'subtle'}
      color={inAdmin ? 'indigo' : 'gray'}
      size="compact-sm"
      leftSection={inAdmin ? <IconInbox size={15} stroke={1.7} /> : <IconUsersGroup size={15} stroke={1.7} />}
      onClick={() => setView(inAdmin ? 'inbox' : 'admin')}
      data-testid="admin-toggle"
      aria-keyshortcuts={hint.aria}
      title={hint.label ? `Users, teams and channels (${hint.label})` : 'Users, teams and channels'}
    >
      {inAdmin ? 'Inbox' : 'Admin'}
    </Button>
  );
}
