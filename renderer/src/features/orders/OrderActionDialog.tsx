import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { ConversationAction } from '../../../../shared/api';
import type { Order, User } from '../../../../shared/domain';
import {
  CaredeskError,
  formatMoney,
  REFUND_REASON_LABELS,
  RefundReason,
  refundableQuantities,
  refundLimitOf,
} from '../../../../shared/domain';
import { applyToOrder } from '../../../../shared/sync/actions';
import type { OrderAction } from '../../../../shared/sync/actions';
import { useConversationAction } from '../../api/actions';
import { AddressFields } from './AddressFields';
import type { AddressDraft } from './AddressFields';
import { errorMessage } from '../../transport';

export type OrderActionKind = 'refund' | 'reship' | 'address' | 'cancel';

const TITLES: Record<OrderActionKind, string> = {
  refund: 'Refund',
  reship: 'Reship or replace',
  address: 'Change the delivery address',
  cancel: 'Cancel the order',
};

type Props = {
  conversationId: string;
  order: Order;
  me: User;
  /** The action asked for; null closes the dialog. */
  kind: OrderActionKind | null;
  onClose: () => void;
};

/** What the action will do, in the words of the note it leaves, or why it cannot be done. */
function preview(order: Order, action: OrderAction, me: User): { words: string } | { error: string } {
  try {
    const outcome = applyToOrder(order, action, {
      actor: me,
      now: Date.now(),
      conversationId: action.conversationId,
      newId: () => 'preview',
      refundLimitCents: refundLimitOf(me, null),
    });
    return { words: outcome.event };
  } catch (error) {
    if (error instanceof CaredeskError) return { error: error.message };
    throw error;
  }
}

/**
 * The form of one order action, then a confirmation that says exactly what will happen (amount,
 * lines, address) before it is queued. Everything typed stays when the engine refuses it.
 */
export function OrderActionDialog({ conversationId, order, me, kind, onClose }: Props) {
  const act = useConversationAction();
  const [reviewing, setReviewing] = useState(false);
  const [reason, setReason] = useState('');
  const [refundReason, setRefundReason] = useState<RefundReason>('damaged');
  const [whole, setWhole] = useState<'order' | 'lines'>('order');
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [address, setAddress] = useState<AddressDraft>({
    line1: order.shippingAddress?.lines[0] ?? '',
    line2: order.shippingAddress?.lines[1] ?? '',
    city: order.shippingAddress?.city ?? '',
    postcode: order.shippingAddress?.postcode ?? '',
    country: order.shippingAddress?.country ?? '',
  });

  const close = () => {
    act.reset();
    setReviewing(false);
    onClose();
  };
  const lines = Object.entries(quantities)
    .filter(([, quantity]) => quantity > 0)
    .map(([sku, quantity]) => ({ sku, quantity }));
  const on = { conversationId, orderId: order.id, seenAssigneeId: null };
  const note = reason.trim();
  let action: (ConversationAction & OrderAction) | null = null;
  if (kind === 'refund') {
    action = {
      type: 'refundOrder',
      ...on,
      reason: refundReason,
      ...(whole === 'lines' ? { lines } : {}),
      ...(note ? { note } : {}),
    };
  } else if (kind === 'reship') action = { type: 'reshipOrder', ...on, lines, reason: note };
  else if (kind === 'cancel') action = { type: 'cancelOrder', ...on, reason: note };
  else if (kind === 'address') {
    const { line1, line2, city, postcode, country } = address;
    action = {
      type: 'changeOrderAddress',
      ...on,
      address: { lines: [line1, line2].filter((line) => line.trim() !== ''), city, postcode, country },
    };
  }
  const needsReason = (kind === 'reship' || kind === 'cancel') && note === '';
  const needsLines = (kind === 'reship' || (kind === 'refund' && whole === 'lines')) && lines.length === 0;
  const outcome = action && !needsReason && !needsLines ? preview(order, action, me) : null;
  const left = kind === 'refund' ? refundableQuantities(order) : null;
  const money = (cents: number) => formatMoney(cents, order.currency);

  const confirm = () => {
    if (!action) return;
    const { seenAssigneeId: _seen, ...input } = action;
    act.mutate({ action: input }, { onSuccess: close });
  };

  return (
    <Modal
      opened={kind !== null}
      onClose={close}
      title={kind ? `${TITLES[kind]} · ${order.number}` : ''}
      size="md"
      data-testid="order-action-dialog"
    >
      {!reviewing ? (
        <Stack gap="sm">
          {kind === 'refund' && (
            <>
              <SegmentedControl
                size="xs"
                value={whole}
                onChange={(value) => setWhole(value === 'lines' ? 'lines' : 'order')}
                data={[
                  { value: 'order', label: 'Whole order' },
                  { value: 'lines', label: 'By line' },
                ]}
                aria-label="What to refund"
                data-testid="refund-scope"
              />
              <Select
                label="Reason"
                size="xs"
                value={refundReason}
                allowDeselect={false}
                onChange={(value) => setRefundReason(RefundReason.catch('other').parse(value))}
                data={RefundReason.options.map((value) => ({ value, label: REFUND_REASON_LABELS[value] }))}
                data-testid="refund-reason"
              />
            </>
          )}
          {(kind === 'reship' || (kind === 'refund' && whole === 'lines')) &&
            order.lineItems.map((item) => (
              <NumberInput
                key={item.sku}
                size="xs"
                label={`${item.title} (${item.sku}) · ${money(item.unitPriceCents)} each`}
                description={
                  left ? `${left.get(item.sku) ?? 0} of ${item.quantity} can be refunded` : `${item.quantity} bought`
                }
                min={0}
                max={item.quantity}
                value={quantities[item.sku] ?? 0}
                onChange={(value) => setQuantities({ ...quantities, [item.sku]: Number(value) || 0 })}
                data-testid={`line-quantity-${item.sku}`}
              />
            ))}
          {kind === 'address' && <AddressFields value={address} onChange={setAddress} />}
          {kind !== 'address' && (
            <Textarea
              size="xs"
              label={kind === 'refund' ? 'In your words (optional)' : 'Reason'}
              required={kind !== 'refund'}
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              data-testid="order-action-reason"
            />
          )}
          {outcome && 'error' in outcome && (
            <Text size="xs" c="red" data-testid="order-action-problem">
              {outcome.error}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={close}>
              Close
            </Button>
            <Button
              size="xs"
              disabled={!outcome || 'error' in outcome}
              onClick={() => setReviewing(true)}
              data-testid="order-action-review"
            >
              Review
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            This will happen:
          </Text>
          <Text size="sm" data-testid="order-action-summary">
            {outcome && 'words' in outcome ? outcome.words : ''}
          </Text>
          <Text size="xs" c="dimmed">
            It is queued now and sent to the server (at once, or when you are back online); a note in the conversation
            tells your team.
          </Text>
          {act.isError && (
            <Alert color="red" data-testid="order-action-error">
              {errorMessage(act.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setReviewing(false)} disabled={act.isPending}>
              Back
            </Button>
            <Button
              size="xs"
              color={kind === 'cancel' ? 'red' : undefined}
              loading={act.isPending}
              onClick={confirm}
              data-testid="order-action-confirm"
              data-autofocus
            >
              Confirm
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
