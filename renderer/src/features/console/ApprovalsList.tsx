import { Alert, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconChecks } from '@tabler/icons-react';
import { useApprovals } from '../../api/orders';
import { useSession } from '../../api/session';
import { EmptyView } from '../../components/StateViews';
import { errorMessage } from '../../transport';
import { RefundRequestView } from '../orders/RefundRequestView';

/** Refunds of the lead's teams above their reps' limits, oldest first: approve or decline each here. */
export function ApprovalsList() {
  const me = useSession().data?.user ?? null;
  const approvals = useApprovals(me !== null);
  if (approvals.isPending) return <Loader size="sm" aria-label="Loading approvals" />;
  if (approvals.isError) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />}>
        {errorMessage(approvals.error)}
      </Alert>
    );
  }
  const { items } = approvals.data;
  if (items.length === 0) {
    return (
      <EmptyView
        icon={<IconChecks size={22} stroke={1.5} />}
        title="Nothing waits for approval"
        description="Refunds your reps make above their limit appear here."
      />
    );
  }
  return (
    <Stack gap="xs" data-testid="approvals-list">
      {items.map((item) => (
        <Paper key={item.request.id} withBorder p="xs" data-testid="approval">
          <Text size="xs" c="dimmed">
            {item.customerName || 'Customer'} · order {item.orderNumber}
          </Text>
          <RefundRequestView
            request={item.request}
            orderId={item.orderId}
            orderNumber={item.orderNumber}
            currency={item.currency}
            me={me}
            requesterName={item.requesterName}
          />
        </Paper>
      ))}
    </Stack>
  );
}
