import { Badge } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import type { SlaKind, SlaState } from '../../../shared/domain/sla';
import { formatAge, formatFull } from '../lib/time';

const KIND_LABELS: Record<SlaKind, string> = {
  first_response: 'First reply',
  next_response: 'Reply',
  resolution: 'Resolve',
};

const COLORS = { ok: 'gray', warning: 'orange', breached: 'red' } as const;

/** The conversation's most pressing service-level target (`slaState`): time left, or how long overdue. */
export function SlaBadge({ sla, now }: { sla: SlaState | null; now: number }) {
  if (!sla) return null;
  const kind = KIND_LABELS[sla.kind];
  // Short, for a dense row: what is due and when is in the title and the label.
  const text = sla.state === 'breached' ? `Overdue ${formatAge(sla.dueAt, now)}` : `${formatAge(now, sla.dueAt)} left`;
  const title = `${kind} due ${formatFull(sla.dueAt)} (${sla.priority} priority, in business hours)`;
  return (
    <Badge
      color={COLORS[sla.state]}
      variant={sla.state === 'ok' ? 'outline' : 'light'}
      leftSection={<IconAlarm size={10} aria-hidden />}
      title={title}
      aria-label={sla.state === 'breached' ? `${kind} overdue` : `${kind} due in ${formatAge(now, sla.dueAt)}`}
      data-testid="sla-badge"
      data-state={sla.state}
      style={{ flexShrink: 0 }}
    >
      {text}
    </Badge>
  );
}
