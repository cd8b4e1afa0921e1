import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowMerge, IconTrash, IconUserCircle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { formatMoney } from '../../../../shared/domain';
import type { Identity } from '../../../../shared/domain';
import { reachOf } from '../../../../shared/domain/permissions';
import { useConversation } from '../../api/inbox';
import { useSession } from '../../api/session';
import { CustomerSummary } from '../../components/CustomerSummary';
import { OrderCard } from '../../components/OrderCard';
import { EmptyView } from '../../components/StateViews';
import { useNow } from '../../lib/useNow';
import { useUiStore } from '../../state/ui';
import classes from './CustomerPanel.module.css';
import { SectionHeading } from '../../components/SectionHeading';
import { ConnectedRecords } from './ConnectedRecords';
import { CustomerHistory } from './CustomerHistory';
import { EraseCustomerDialog } from './EraseCustomerDialog';
import { LinkSuggestions } from './LinkSuggestions';
import { MergeDialog } from '../merge/MergeDialog';
import { MergeHistory } from '../merge/MergeHistory';
import { SplitIdentityDialog } from '../merge/SplitIdentityDialog';
import { OrderActions } from '../orders/OrderActions';
import { RefundRequestView } from '../orders/RefundRequestView';

/** Who is writing and what they bought; shares the conversation query with the middle pane. */
export function CustomerPanel() {
  const selectedId = useUiStore((state) => state.selectedConversationId);
  const conversation = useConversation(selectedId);
  const now = useNow();
  const detail = conversation.data;
  const orders = useMemo(() => (detail ? [...detail.orders].sort((a, b) => b.placedAt - a.placedAt) : []), [detail]);
  const me = useSession().data?.user ?? null;
  // Who linked an identity or merged a customer: the rep themselves reads "you".
  const people = useMemo(
    () => ({ ...(detail?.authors ?? {}), ...(me ? { [me.id]: { name: 'you' } } : {}) }),
    [detail, me],
  );
  const [merging, setMerging] = useState(false);
  const [splitting, setSplitting] = useState<Identity | null>(null);
  const [erasing, setErasing] = useState(false);

  let content;
  if (selectedId === null || conversation.isError) {
    content = (
      <div className={classes.centered}>
        <EmptyView
          icon={<IconUserCircle size={22} stroke={1.5} />}
          title="No customer"
          description="Their identities and orders appear here."
        />
      </div>
    );
  } else if (!detail) {
    content = (
      <Stack p="md" gap="sm">
        <Skeleton height={16} width="60%" />
        <Skeleton height={10} width="80%" />
        <Skeleton height={90} mt="md" />
        <Skeleton height={90} />
      </Stack>
    );
  } else {
    content = (
      <>
        <LinkSuggestions conversation={detail.conversation} />
        <Group justify="flex-end" px={14} pt={8} gap="xs">
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconArrowMerge size={12} />}
            onClick={() => setMerging(true)}
            data-testid="merge-open"
          >
            Merge into…
          </Button>
          {me && reachOf(me.role, 'eraseCustomer') !== 'none' && (
            <Button
              size="compact-xs"
              variant="default"
              color="red"
              leftSection={<IconTrash size={12} />}
              onClick={() => setErasing(true)}
              data-testid="erase-open"
            >
              Erase customer…
            </Button>
          )}
        </Group>
        <CustomerSummary
          customer={detail.customer}
          lifetimeValue={
            detail.lifetimeValue.length === 0
              ? 'None yet'
              : detail.lifetimeValue.map((amount) => formatMoney(amount.cents, amount.currency)).join(' · ')
          }
          orderCount={orders.length}
          people={people}
          onSplit={setSplitting}
        />
        <MergeHistory conversationId={detail.conversation.id} customerId={detail.customer.id} people={people} />
        <div className={classes.orders}>
          <SectionHeading>Orders</SectionHeading>
          <ConnectedRecords customerId={detail.customer.id} now={now} />
          {orders.length === 0 ? (
            <Text size="sm" c="dimmed">
              No orders yet.
            </Text>
          ) : (
            orders.map((order) => (
              <OrderCard
                key={order.id}
                order={order}
                now={now}
                actions={me ? <OrderActions conversationId={detail.conversation.id} order={order} me={me} /> : null}
              >
                {(order.refundRequests ?? []).map((request) => (
                  <RefundRequestView
                    key={request.id}
                    request={request}
                    orderId={order.id}
                    orderNumber={order.number}
                    currency={order.currency}
                    me={me}
                    requesterName={people[request.requestedBy]?.name ?? null}
                    framed
                  />
                ))}
              </OrderCard>
            ))
          )}
        </div>
        <CustomerHistory history={detail.history} now={now} />
        <MergeDialog
          opened={merging}
          onClose={() => setMerging(false)}
          conversationId={detail.conversation.id}
          customer={detail.customer}
        />
        <EraseCustomerDialog
          opened={erasing}
          onClose={() => setErasing(false)}
          customer={detail.customer}
          orderCount={orders.length}
        />
        <SplitIdentityDialog
          conversationId={detail.conversation.id}
          customerName={detail.customer.name}
          identity={splitting}
          onClose={() => setSplitting(null)}
        />
      </>
    );
  }

  return (
    <aside className={classes.pane} aria-label="Customer" data-testid="customer-panel">
      {content}
    </aside>
  );
}
