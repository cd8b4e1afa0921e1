import { Alert, Badge, Box, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { RefundRequest, User } from '../../../../shared/domain';
import { formatLines, formatMoney, mayApproveRefunds, REFUND_REASON_LABELS } from '../../../../shared/domain';
import { useConversationAction } from '../../api/actions';
import { errorMessage } from '../../transport';

const STATUS: Record<RefundRequest['status'], { label: string; color: string }> = {
  awaiting_approval: { label: 'Awaiting approval', color: 'yellow' },
  approved: { label: 'Approved', color: 'teal' },
  declined: { label: 'Declined', color: 'red' },
};

type Props = {
  request: RefundRequest;
  orderId: string;
  orderNumber: string;
  currency: string;
  me: User | null;
  /** Who asked, by name. */
  requesterName: string | null;
  /** Drawn as a block of its own (in an order card). */
  framed?: boolean;
};

/**
 * A refund above its asker's limit: what it covers and where it stands. A lead or admin approves
 * (the refund runs) or declines it with a reason, after a confirmation.
 */
export function RefundRequestView({
  request,
  orderId,
  orderNumber,
  currency,
  me,
  requesterName,
  framed = false,
}: Props) {
  const act = useConversationAction();
  const [deciding, setDeciding] = useState<'approve' | 'decline' | null>(null);
  const [reason, setReason] = useState('');
  const amount = formatMoney(request.amountCents, currency);
  const status = STATUS[request.status];
  const what = request.lines ? formatLines(request.lines) : 'whole order';
  const close = () => {
    act.reset();
    setDeciding(null);
  };
  const decide = () => {
    const on = { conversationId: request.conversationId, orderId, requestId: request.id };
    act.mutate(
      {
        action:
          deciding === 'decline'
            ? { type: 'declineRefund', ...on, reason: reason.trim() }
            : { type: 'approveRefund', ...on },
      },
      { onSuccess: close },
    );
  };
  return (
    <Box
      data-testid="refund-request"
      data-status={request.status}
      {...(framed ? { mt: 6, p: 6, bd: '1px solid var(--mantine-color-default-border)', bdrs: 'sm' } : {})}
    >
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={600}>
          Refund {amount}
        </Text>
        <Badge size="sm" variant="light" color={status.color} data-testid="refund-request-status">
          {status.label}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {what} · {REFUND_REASON_LABELS[request.reason]}
        {request.note ? `: ${request.note}` : ''} · asked by {requesterName ?? 'a colleague'}
        {request.declineReason ? ` · declined: ${request.declineReason}` : ''}
      </Text>
      {request.status === 'awaiting_approval' && me && mayApproveRefunds(me) && (
        <Group gap="xs" mt={4}>
          <Button size="compact-xs" onClick={() => setDeciding('approve')} data-testid="refund-approve">
            Approve…
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => setDeciding('decline')}
            data-testid="refund-decline"
          >
            Decline…
          </Button>
        </Group>
      )}
      <Modal
        opened={deciding !== null}
        onClose={close}
        title={
          deciding === 'decline' ? `Decline this refund on ${orderNumber}?` : `Approve this refund on ${orderNumber}?`
        }
        data-testid="refund-decision-dialog"
      >
        <Stack gap="sm">
          <Text size="sm" data-testid="refund-decision-summary">
            {deciding === 'decline'
              ? `${amount} (${what}) will not be refunded; ${requesterName ?? 'the rep'} sees your reason.`
              : `${amount} (${what}) is refunded to the customer now — ${REFUND_REASON_LABELS[request.reason]}${request.note ? `: ${request.note}` : ''}.`}
          </Text>
          {deciding === 'decline' && (
            <Textarea
              size="xs"
              label="Reason"
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              data-testid="refund-decline-reason"
            />
          )}
          {act.isError && <Alert color="red">{errorMessage(act.error)}</Alert>}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={close} disabled={act.isPending}>
              Back
            </Button>
            <Button
              size="xs"
              color={deciding === 'decline' ? 'red' : undefined}
              disabled={deciding === 'decline' && reason.trim() === ''}
              loading={act.isPending}
              onClick={decide}
              data-testid="refund-decision-confirm"
              data-autofocus
            >
              {deciding === 'decline' ? 'Decline refund' : 'Approve and refund'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Box>
  );
}
