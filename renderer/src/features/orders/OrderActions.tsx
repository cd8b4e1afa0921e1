import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { IconDots, IconHomeEdit, IconReceiptRefund, IconTruckReturn, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { Order, User } from '../../../../shared/domain';
import { isClosedOrder, isUnshipped, ownOrder, refundableCents, sourceLabel } from '../../../../shared/domain';
import { OrderActionDialog } from './OrderActionDialog';
import type { OrderActionKind } from './OrderActionDialog';

type Props = { conversationId: string; order: Order; me: User };

/**
 * The order card's menu: refund, reship, change the address, cancel. A menu button, so every
 * action is reachable from the keyboard (Tab to it, Enter, arrows); what the order does not allow
 * is shown disabled with the reason. On an order a store keeps (Shopify) the store is asked to
 * make the change (`server/crm/writes.ts`); a reship cannot be.
 */
export function OrderActions({ conversationId, order, me }: Props) {
  const [kind, setKind] = useState<OrderActionKind | null>(null);
  const unshipped = !isClosedOrder(order) && isUnshipped(order);
  const refundable = refundableCents(order) > 0 && order.status !== 'cancelled';
  const item = (what: OrderActionKind, label: string, icon: React.ReactNode, allowed: boolean, why: string) => (
    <Menu.Item
      leftSection={icon}
      disabled={!allowed}
      title={allowed ? undefined : why}
      onClick={() => setKind(what)}
      data-testid={`order-action-${what}`}
    >
      {label}
    </Menu.Item>
  );
  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <Tooltip label="Order actions" openDelay={400}>
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={`Actions on order ${order.number}`}
              data-testid="order-actions"
            >
              <IconDots size={14} />
            </ActionIcon>
          </Tooltip>
        </Menu.Target>
        <Menu.Dropdown>
          {item('refund', 'Refund…', <IconReceiptRefund size={14} />, refundable, 'Nothing is left to refund.')}
          {item(
            'reship',
            'Reship or replace…',
            <IconTruckReturn size={14} />,
            order.status !== 'cancelled' && ownOrder(order),
            ownOrder(order) ? 'The order is cancelled.' : `Send a replacement from ${sourceLabel(order.source)}.`,
          )}
          {item('address', 'Change delivery address…', <IconHomeEdit size={14} />, unshipped, 'It has shipped.')}
          {item('cancel', 'Cancel order…', <IconX size={14} />, unshipped, 'It has shipped, or is closed.')}
        </Menu.Dropdown>
      </Menu>
      <OrderActionDialog
        conversationId={conversationId}
        order={order}
        me={me}
        kind={kind}
        onClose={() => setKind(null)}
      />
    </>
  );
}
