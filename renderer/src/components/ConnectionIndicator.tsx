import { Badge, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { formatFull } from '../lib/time';

export type ConnectionView = {
  state: 'online' | 'syncing' | 'offline';
  detail: string | null;
  pendingActions: number;
  lastSyncedAt: number | null;
  /** Spell the detail out next to the label (off when a banner already says it). */
  showDetail?: boolean;
};

const LABELS: Record<ConnectionView['state'], string> = { online: 'Online', syncing: 'Syncing', offline: 'Offline' };
const COLORS: Record<ConnectionView['state'], string> = {
  online: 'var(--mantine-color-teal-6)',
  syncing: 'var(--mantine-color-blue-5)',
  offline: 'var(--mantine-color-red-6)',
};

function Mark({ state, attention }: { state: ConnectionView['state']; attention: boolean }) {
  if (attention) return <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" aria-hidden />;
  if (state === 'syncing') return <Loader size={10} color="blue" />;
  return (
    <span aria-hidden style={{ width: 8, height: 8, borderRadius: '50%', background: COLORS[state], flexShrink: 0 }} />
  );
}

/**
 * Sync state in the header. A detail while connected (disk full, a slow or refusing server) is a
 * problem the rep must see, so it is spelled out, not only in the tooltip.
 */
export function ConnectionIndicator({
  state,
  detail,
  pendingActions,
  lastSyncedAt,
  showDetail = true,
}: ConnectionView) {
  const attention = state !== 'offline' && detail !== null;
  const tooltip = [
    detail,
    lastSyncedAt !== null ? `Last synced ${formatFull(lastSyncedAt)}` : 'Not synced yet',
    pendingActions > 0 ? `${pendingActions} ${pendingActions === 1 ? 'change' : 'changes'} waiting to be sent` : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Tooltip
      label={tooltip}
      multiline
      maw={320}
      style={{ whiteSpace: 'pre-line' }}
      events={{ hover: true, focus: true, touch: false }}
    >
      <Group
        gap={6}
        wrap="nowrap"
        data-testid="connection-status"
        data-state={state}
        data-attention={attention || undefined}
        role="status"
        aria-live="polite"
        tabIndex={0}
        style={{ minWidth: 0, borderRadius: 4, padding: '2px 4px' }}
      >
        <Mark state={state} attention={attention} />
        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {LABELS[state]}
        </Text>
        {showDetail && detail && (
          <Text
            size="sm"
            c={attention ? 'var(--mantine-color-orange-text)' : 'dimmed'}
            truncate="end"
            maw={440}
            data-testid="connection-detail"
          >
            {detail}
          </Text>
        )}
        {pendingActions > 0 && (
          <Badge
            size="sm"
            variant="light"
            color={state === 'offline' || attention ? 'orange' : 'gray'}
            style={{ flexShrink: 0 }}
          >
            {pendingActions} pending
          </Badge>
        )}
      </Group>
    </Tooltip>
  );
}
