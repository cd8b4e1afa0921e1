import { Badge } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { ConversationStatus, OrderStatus, ShipmentStatus } from '../../../shared/domain';
import { formatFull, formatUpcoming } from '../lib/time';

const CONVERSATION: Record<ConversationStatus, { color: MantineColor; label: string }> = {
  open: { color: 'blue', label: 'Open' },
  pending: { color: 'yellow', label: 'Pending' },
  snoozed: { color: 'grape', label: 'Snoozed' },
  // Reps say "resolved"; the contract's word is `closed`.
  closed: { color: 'gray', label: 'Resolved' },
};

const ORDER: Record<OrderStatus, { color: MantineColor; label: string }> = {
  pending: { color: 'yellow', label: 'Pending' },
  paid: { color: 'blue', label: 'Paid' },
  fulfilled: { color: 'teal', label: 'Fulfilled' },
  partially_fulfilled: { color: 'cyan', label: 'Part fulfilled' },
  cancelled: { color: 'gray', label: 'Cancelled' },
  refunded: { color: 'orange', label: 'Refunded' },
};

const SHIPMENT: Record<ShipmentStatus, { color: MantineColor; label: string }> = {
  label_created: { color: 'gray', label: 'Label created' },
  in_transit: { color: 'blue', label: 'In transit' },
  out_for_delivery: { color: 'indigo', label: 'Out for delivery' },
  delivered: { color: 'teal', label: 'Delivered' },
  exception: { color: 'red', label: 'Exception' },
};

export const CONVERSATION_STATUS_LABELS: Record<ConversationStatus, string> = Object.fromEntries(
  Object.entries(CONVERSATION).map(([status, { label }]) => [status, label]),
) as Record<ConversationStatus, string>;

export const SHIPMENT_LABELS: Record<ShipmentStatus, string> = Object.fromEntries(
  Object.entries(SHIPMENT).map(([status, { label }]) => [status, label]),
) as Record<ShipmentStatus, string>;

type ConversationBadgeProps = {
  status: ConversationStatus;
  /** With status `snoozed`: "Snoozed until tomorrow 9:00". */
  snoozedUntil?: number | null;
  now?: number;
};

export function ConversationStatusBadge({ status, snoozedUntil = null, now = Date.now() }: ConversationBadgeProps) {
  const { color, label } = CONVERSATION[status];
  const until = status === 'snoozed' && snoozedUntil !== null ? snoozedUntil : null;
  return (
    <Badge
      color={color}
      variant="light"
      title={until !== null ? `Comes back ${formatFull(until)}` : undefined}
      data-testid="status-badge"
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {until !== null ? `${label} until ${formatUpcoming(until, now)}` : label}
    </Badge>
  );
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { color, label } = ORDER[status];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}

export function ShipmentStatusBadge({ status }: { status: ShipmentStatus }) {
  const { color, label } = SHIPMENT[status];
  return (
    <Badge color={color} variant="dot">
      {label}
    </Badge>
  );
}
