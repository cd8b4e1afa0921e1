import { Skeleton, Stack, Text } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { formatMoney } from '../../../../shared/domain';
import { useConversation } from '../../api/inbox';
import { CustomerSummary } from '../../components/CustomerSummary';
import { OrderCard } from '../../components/OrderCard';
import { EmptyView } from '../../components/StateViews';
import { useNow } from '../../lib/useNow';
import { useUiStore } from '../../state/ui';
import classes from './CustomerPanel.module.css';
import { SectionHeading } from '../../components/SectionHeading';
import { CustomerHistory } from './CustomerHistory';
import { LinkSuggestions } from './LinkSuggestions';

/** Who is writing and what they bought; shares the conversation query with the middle pane. */
export function CustomerPanel() {
  const selectedId = useUiStore((state) => state.selectedConversationId);
  const conversation = useConversation(selectedId);
  const now = useNow();
  const detail = conversation.data;
  const orders = useMemo(() => (detail ? [...detail.orders].sort((a, b) => b.placedAt - a.placedAt) : []), [detail]);

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
        <CustomerSummary
          customer={detail.customer}
          lifetimeValue={
            detail.lifetimeValue.length === 0
              ? 'None yet'
              : detail.lifetimeValue.map((amount) => formatMoney(amount.cents, amount.currency)).join(' · ')
          }
          orderCount={orders.length}
          people={detail.authors}
        />
        <div className={classes.orders}>
          <SectionHeading>Orders</SectionHeading>
          {orders.length === 0 ? (
            <Text size="sm" c="dimmed">
              No orders yet.
            </Text>
          ) : (
            orders.map((order) => <OrderCard key={order.id} order={order} now={now} />)
          )}
        </div>
        <CustomerHistory history={detail.history} now={now} />
      </>
    );
  }

  return (
    <aside className={classes.pane} aria-label="Customer" data-testid="customer-panel">
      {content}
    </aside>
  );
}
