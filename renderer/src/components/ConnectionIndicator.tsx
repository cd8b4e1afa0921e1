import { Badge, Group, Loader, Text, Tooltip } from '@mantine/core';
import { formatFull } from '../lib/time';

export type ConnectionView = {
  state: 'online' | 'syncing' | 'offline';
  detail: string | null;
  pendingReplies: number;
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

export function ConnectionIndicator({
  state,
  detail,
  pendingReplies,
  lastSyncedAt,
  showDetail = true,
}: ConnectionView) {
  const tooltip = [
    detail,
    lastSyncedAt !== null ? `Last synced ${formatFull(lastSyncedAt)}` : 'Not synced yet',
    pendingReplies > 0 ? `${pendingReplies} ${pendingReplies === 1 ? 'reply' : 'replies'} waiting to be sent` : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Tooltip label={tooltip} multiline maw={320} style={{ whiteSpace: 'pre-line' }}>
      <Group
        gap={6}
        wrap="nowrap"
        data-testid="connection-status"
        data-state={state}
        role="status"
        aria-live="polite"
        tabIndex={0}
        style={{ minWidth: 0, borderRadius: 4, padding: '2px 4px' }}
      >
        {state === 'syncing' ? (
          <Loader size={10} color="blue" />
        ) : (
          <span
            aria-hidden
            style={{ width: 8, height: 8, borderRadius: '50%', background: COLORS[state], flexShrink: 0 }}
          />
        )}
        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {LABELS[state]}
        </Text>
        {state === 'offline' && showDetail && detail && (
          <Text size="sm" c="dimmed" truncate="end" maw={280}>
            {detail}
          </Text>
        )}
        {pendingReplies > 0 && (
          <Badge size="sm" variant="light" color={state === 'offline' ? 'orange' : 'gray'} style={{ flexShrink: 0 }}>
            {pendingReplies} pending
          </Badge>
        )}
      </Group>
    </Tooltip>
  );
}
