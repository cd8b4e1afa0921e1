import { Badge, Checkbox, Group, Paper, Select, Text } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import type { ConsoleOverview, QueuedConversation } from '../../../../shared/api';
import { CHANNEL_LABELS } from '../../../../shared/domain';
import { SlaBadge } from '../../components/SlaBadge';
import { formatAge, waitingSeverity } from '../../lib/time';

const SEVERITY_COLOR = { ok: 'gray', warn: 'orange', late: 'red' } as const;
/** The drag payload: the conversations a drop on a member gives them. */
export const DRAG_TYPE = 'application/x-caredesk-conversations';

interface Props {
  overview: ConsoleOverview;
  now: number;
  assignee: string | null;
  setAssignee: (assignee: string | null) => void;
  selected: ReadonlySet<string>;
  setSelected: (next: Set<string>) => void;
}

const ANYONE = '*';

/**
 * The backlog of one assignee (or anyone's, or the unassigned), most at risk first. Arrows move
 * between rows, Space ticks one, Ctrl/⌘+A ticks all; ticked rows go to a member by button or drag.
 */
export function QueueList({ overview, now, assignee, setAssignee, selected, setSelected }: Props) {
  const names = new Map(overview.reps.map((rep) => [rep.userId, rep.name]));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const rows = [...event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const index = rows.indexOf(document.activeElement as HTMLInputElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      rows[Math.min(rows.length - 1, Math.max(0, index + step))]?.focus();
    } else if ((event.ctrlKey || event.metaKey) && event.code === 'KeyA') {
      event.preventDefault();
      setSelected(new Set(overview.queue.map((row) => row.id)));
    } else if (event.key === 'Escape' && selected.size > 0) {
      event.preventDefault();
      setSelected(new Set());
    }
  };
  const dragStart = (row: QueuedConversation) => (event: React.DragEvent) => {
    const ids = selected.has(row.id) ? [...selected] : [row.id];
    event.dataTransfer.setData(DRAG_TYPE, JSON.stringify(ids));
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <Paper withBorder radius="md" p={0} data-testid="console-queue">
      <Group justify="space-between" px="sm" pt="sm" pb={6} wrap="nowrap">
        <Text size="sm" fw={600}>
          Queue{' '}
          <Text span size="xs" c="dimmed">
            {selected.size > 0 ? `${selected.size} selected · Esc clears` : 'most at risk first'}
          </Text>
        </Text>
        <Select
          size="xs"
          w={190}
          aria-label="Whose conversations"
          value={assignee === null ? ANYONE : assignee}
          onChange={(value) => setAssignee(value === null || value === ANYONE ? null : value)}
          allowDeselect={false}
          data={[
            { value: ANYONE, label: 'Anyone’s' },
            { value: '', label: 'Unassigned' },
            ...overview.reps.map((rep) => ({ value: rep.userId, label: rep.name })),
          ]}
          data-testid="console-queue-assignee"
        />
      </Group>
      {overview.queue.length === 0 ? (
        <Text size="sm" c="dimmed" px="sm" pb="sm" data-testid="console-queue-empty">
          Nobody is waiting here. Nicely done.
        </Text>
      ) : (
        <div role="group" aria-label="Queue" onKeyDown={onKeyDown} style={{ maxHeight: 520, overflowY: 'auto' }}>
          {overview.queue.map((row) => (
            <Group
              key={row.id}
              gap="xs"
              px="sm"
              py={4}
              wrap="nowrap"
              draggable
              onDragStart={dragStart(row)}
              style={{ borderTop: '1px solid var(--mantine-color-default-border)', cursor: 'grab' }}
              data-testid={`console-queue-row-${row.id}`}
            >
              <Checkbox
                size="xs"
                checked={selected.has(row.id)}
                onChange={() => toggle(row.id)}
                aria-label={`Select the conversation with ${row.customerName || 'this customer'}`}
              />
              <Text size="sm" fw={500} w={150} truncate="end">
                {row.customerName || 'Unknown customer'}
              </Text>
              <Badge size="xs" variant="light" color="gray" w={76}>
                {CHANNEL_LABELS[row.channel]}
              </Badge>
              <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 0 }} truncate="end">
                {row.preview}
              </Text>
              <Text size="xs" c="dimmed" w={90} truncate="end">
                {row.assigneeId === null ? 'Unassigned' : (names.get(row.assigneeId) ?? 'Someone else')}
              </Text>
              <SlaBadge sla={row.sla} now={now} />
              {row.waitingSince === null ? (
                <Text size="xs" c="dimmed" w={48} ta="right">
                  answered
                </Text>
              ) : (
                <Badge
                  size="sm"
                  variant="light"
                  w={48}
                  color={SEVERITY_COLOR[waitingSeverity(row.waitingSince, now)]}
                  aria-label={`Waiting ${formatAge(row.waitingSince, now)}`}
                >
                  {formatAge(row.waitingSince, now)}
                </Badge>
              )}
            </Group>
          ))}
        </div>
      )}
    </Paper>
  );
}
