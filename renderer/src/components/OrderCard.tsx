import type { ReactNode } from 'react';
import { Badge, Button, Timeline } from '@mantine/core';
import { useState } from 'react';
import {
  IconArrowBackUp,
  IconBuildingStore,
  IconExternalLink,
  IconHome,
  IconReceiptRefund,
  IconTruckDelivery,
} from '@tabler/icons-react';
import type { Order, Return, Refund, Shipment } from '../../../shared/domain';
import { formatAddress, formatMoney, ownOrder, sourceLabel } from '../../../shared/domain';
import { formatDate, formatDay, formatFull, formatMessageTime } from '../lib/time';
import classes from './Customer.module.css';
import { OrderStatusBadge, SHIPMENT_LABELS, ShipmentStatusBadge } from './StatusBadges';
import { webUrl } from '../lib/links';
import { WebLink } from './WebLink';

type Props = {
  order: Order;
  now: number;
  /** The order's menu (order actions), in its header. */
  actions?: ReactNode;
  /** Shown at the end of the card (refunds waiting for approval). */
  children?: ReactNode;
};

const RETURN_COLORS: Record<Return['status'], string> = {
  requested: 'yellow',
  approved: 'blue',
  received: 'teal',
  rejected: 'red',
};

/**
 * A shipment: carrier and tracking (only http(s) links are rendered as links), status and dates,
 * its latest scan, and every scan newest first on demand.
 */
function ShipmentBlock({ shipment, now }: { shipment: Shipment; now: number }) {
  const [open, setOpen] = useState(false);
  const latest = shipment.events.reduce<Shipment['events'][number] | null>(
    (newest, event) => (newest === null || event.at > newest.at ? event : newest),
    null,
  );
  return (
    <div className={classes.block} data-testid="shipment">
      <div className={classes.blockHead}>
        <IconTruckDelivery size={14} aria-hidden />
        <strong>{shipment.carrier}</strong>
        <WebLink
          url={shipment.trackingUrl}
          className={classes.tracking}
          title={`Track on ${shipment.carrier}`}
          testId="tracking-link"
        >
          {shipment.trackingNumber}
          {webUrl(shipment.trackingUrl) && <IconExternalLink size={11} aria-hidden />}
        </WebLink>
      </div>
      <div className={classes.blockHead}>
        <ShipmentStatusBadge status={shipment.status} />
        <span className={classes.dim}>
          {shipment.deliveredAt !== null
            ? `Delivered ${formatDay(shipment.deliveredAt, now)}`
            : `Shipped ${formatDay(shipment.shippedAt, now)} · ${shipment.estimatedDelivery !== 0 ? `due ${formatDay(shipment.estimatedDelivery, now)}` : 'no delivery estimate'}`}
        </span>
      </div>
      {latest && !open && (
        <div className={classes.event} title={formatFull(latest.at)}>
          Latest: {latest.description}
          {latest.location ? `, ${latest.location}` : ''} · {formatMessageTime(latest.at, now)}
          {latest.status !== shipment.status ? ` (${SHIPMENT_LABELS[latest.status]})` : ''}
        </div>
      )}
      {shipment.events.length > 1 && (
        <Button
          variant="subtle"
          size="compact-xs"
          color="gray"
          w="fit-content"
          aria-expanded={open}
          onClick={() => setOpen((value) => !value)}
          data-testid="shipment-scans-toggle"
        >
          {open ? 'Hide scans' : `All ${shipment.events.length} scans`}
        </Button>
      )}
      {open && (
        <Timeline bulletSize={8} lineWidth={1} mt={4} data-testid="shipment-timeline">
          {[...shipment.events]
            .sort((a, b) => b.at - a.at)
            .map((event) => (
              <Timeline.Item key={`${event.at}-${event.description}`} data-testid="shipment-scan">
                <div className={classes.event} title={formatFull(event.at)}>
                  <strong>{event.description}</strong>
                  {event.location ? `, ${event.location}` : ''} · {formatMessageTime(event.at, now)} ·{' '}
                  {SHIPMENT_LABELS[event.status]}
                </div>
              </Timeline.Item>
            ))}
        </Timeline>
      )}
    </div>
  );
}

function ReturnBlock({ ret, now }: { ret: Return; now: number }) {
  const count = ret.items.reduce((sum, item) => sum + item.quantity, 0);
  return (
    <div className={classes.block}>
      <div className={classes.blockHead}>
        <IconArrowBackUp size={14} aria-hidden />
        <strong>Return</strong>
        <span className={classes.dim}>
          {count} item{count === 1 ? '' : 's'} · {formatDay(ret.createdAt, now)}
        </span>
        <Badge variant="light" color={RETURN_COLORS[ret.status]} className={classes.end}>
          {ret.status[0]?.toUpperCase()}
          {ret.status.slice(1)}
        </Badge>
      </div>
      <div className={classes.note}>{ret.reason}</div>
    </div>
  );
}

function RefundBlock({ refund, currency, now }: { refund: Refund; currency: string; now: number }) {
  return (
    <div className={classes.block} data-testid="refund">
      <div className={classes.blockHead}>
        <IconReceiptRefund size={14} aria-hidden />
        <strong>Refund {formatMoney(refund.amountCents, currency)}</strong>
        <span className={classes.dim}>{formatDay(refund.createdAt, now)}</span>
      </div>
      <div className={classes.note}>{refund.reason}</div>
    </div>
  );
}

export function OrderCard({ order, now, actions, children }: Props) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  return (
    <article className={classes.order} data-testid="order" data-order-id={order.id}>
      <div className={classes.orderHead}>
        <span className={classes.orderNumber}>{order.number}</span>
        <span className={classes.dim} title={formatFull(order.placedAt)}>
          {formatDate(order.placedAt)}
        </span>
        <OrderStatusBadge status={order.status} />
        <span className={classes.total}>{money(order.totalCents)}</span>
        {actions}
      </div>
      {!ownOrder(order) && (
        <div className={classes.blockHead} data-testid="order-source">
          <IconBuildingStore size={14} aria-hidden />
          <span className={classes.dim}>Kept in {sourceLabel(order.source)}</span>
        </div>
      )}
      {order.shippingAddress && (
        <div className={classes.blockHead} data-testid="order-address">
          <IconHome size={14} aria-hidden />
          <span className={classes.dim}>Deliver to {formatAddress(order.shippingAddress)}</span>
        </div>
      )}
      <ul className={classes.lines}>
        {order.lineItems.map((item, index) => (
          <li key={`${item.sku}-${index}`} className={classes.lineItem}>
            <span className={classes.qty}>{item.quantity} ×</span>
            <span className={classes.lineTitle} title={`${item.title} (${item.sku})`}>
              {item.title}
            </span>
            <span className={classes.amount} title={`${money(item.unitPriceCents)} each`}>
              {money(item.unitPriceCents * item.quantity)}
            </span>
          </li>
        ))}
      </ul>
      {order.shipments.map((shipment) => (
        <ShipmentBlock key={shipment.id} shipment={shipment} now={now} />
      ))}
      {order.returns.map((ret) => (
        <ReturnBlock key={ret.id} ret={ret} now={now} />
      ))}
      {order.refunds.map((refund) => (
        <RefundBlock key={refund.id} refund={refund} currency={order.currency} now={now} />
      ))}
      {children}
    </article>
  );
}
