import { ActionIcon, Tooltip } from '@mantine/core';
import { IconBell, IconBellOff, IconBellRinging } from '@tabler/icons-react';
import { useState } from 'react';
import { notificationsSupported } from './notify';

type Permission = NotificationPermission | 'unsupported';

const LABELS: Record<Permission, string> = {
  default: 'Turn on notifications for new messages',
  granted: 'Notifications are on for new messages',
  denied: 'Notifications are blocked: allow them in the system or browser settings',
  unsupported: 'Notifications are not available here',
};

/** Asks for notification permission when the rep chooses to, never on load; shows the answer. */
export function NotificationsButton() {
  const [permission, setPermission] = useState<Permission>(() =>
    notificationsSupported() ? Notification.permission : 'unsupported',
  );
  const label = LABELS[permission];
  const ask = () => {
    if (permission !== 'default') return;
    void Notification.requestPermission().then(setPermission);
  };
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="md"
        aria-label={label}
        aria-disabled={permission !== 'default'}
        data-testid="notifications-button"
        data-permission={permission}
        onClick={ask}
      >
        {permission === 'granted' ? (
          <IconBellRinging size={18} stroke={1.6} />
        ) : permission === 'default' ? (
          <IconBell size={18} stroke={1.6} />
        ) : (
          <IconBellOff size={18} stroke={1.6} />
        )}
      </ActionIcon>
    </Tooltip>
  );
}
