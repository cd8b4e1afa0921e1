import { z } from 'zod';
import type { Shipment } from '../../domain/entities';
import { OrderLine } from '../../domain/order-extras';
import { boughtQuantities, checkLines, formatLines, mergeLines } from '../../domain/order-rules';
import { CaredeskError } from '../../domain/errors';
import { defineOrderAction, onOrder, ReasonText } from './order-define';
import { clip } from './words';

const DAY_MS = 86_400_000;
/** When a replacement is expected, counted from its label. */
export const RESHIP_DELIVERY_DAYS = 5;

/**
 * Sends chosen lines again (a reship or a replacement): a new shipment with a label created and no
 * tracking number yet (the carrier gives one when it collects it).
 */
export const ReshipOrderAction = z.object({
  type: z.literal('reshipOrder'),
  ...onOrder,
  lines: z.array(OrderLine).min(1).max(100),
  reason: ReasonText,
});
export type ReshipOrderAction = z.infer<typeof ReshipOrderAction>;

export const reshipOrder = defineOrderAction<ReshipOrderAction>(
  ReshipOrderAction,
  (order, action, ctx) => {
    if (order.status === 'cancelled') {
      throw new CaredeskError('conflict', `Order ${order.number} is cancelled: there is nothing to send again.`);
    }
    checkLines(order, action.lines, boughtQuantities(order), 'reship');
    const lines = mergeLines(action.lines);
    const carrier = order.shipments.at(-1)?.carrier ?? 'Standard';
    const shipment: Shipment = {
      id: ctx.newId(),
      carrier,
      trackingNumber: '',
      trackingUrl: '',
      status: 'label_created',
      shippedAt: ctx.now,
      estimatedDelivery: ctx.now + RESHIP_DELIVERY_DAYS * DAY_MS,
      deliveredAt: null,
      events: [{ at: ctx.now, status: 'label_created', location: '', description: 'Replacement label created' }],
      replacement: { reason: action.reason, lines, by: ctx.actor.id },
    };
    return {
      order: { ...order, shipments: [...order.shipments, shipment] },
      event: `Reshipping ${formatLines(lines)} of ${order.number} — ${action.reason}`,
    };
  },
  (action) => `Reship ${formatLines(action.lines)}: ${clip(action.reason, 40)}`,
  { ownOrdersOnly: true },
);
