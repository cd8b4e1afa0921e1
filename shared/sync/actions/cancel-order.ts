import { z } from 'zod';
import type { Order } from '../../domain/entities';
import { formatMoney } from '../../domain/money';
import { checkUnshipped, refundableCents, awaitingRequests } from '../../domain/order-rules';
import { CaredeskError } from '../../domain/errors';
import { defineOrderAction, onOrder, ReasonText } from './order-define';
import { clip } from './words';

/**
 * Cancels an order that has not shipped (no shipment beyond a label): every captured payment not
 * yet refunded is refunded in full as part of it (one Refund entry; a cancel is never held for a
 * lead's approval: nothing has left the warehouse), and the order is `cancelled`.
 */
export const CancelOrderAction = z.object({ type: z.literal('cancelOrder'), ...onOrder, reason: ReasonText });
export type CancelOrderAction = z.infer<typeof CancelOrderAction>;

export const cancelOrder = defineOrderAction<CancelOrderAction>(
  CancelOrderAction,
  (order, action, ctx) => {
    checkUnshipped(order, 'be cancelled');
    if (awaitingRequests(order).length > 0) {
      throw new CaredeskError(
        'conflict',
        `A refund on ${order.number} waits for a lead's approval: have it approved or declined first.`,
      );
    }
    const refund = refundableCents(order);
    const next: Order = {
      ...order,
      status: 'cancelled',
      cancellation: { at: ctx.now, by: ctx.actor.id, reason: action.reason },
      payments: order.payments.map((payment) =>
        payment.status === 'captured' && refund > 0 ? { ...payment, status: 'refunded' } : payment,
      ),
      refunds:
        refund > 0
          ? [
              ...order.refunds,
              {
                id: ctx.newId(),
                amountCents: refund,
                reason: `Cancelled: ${action.reason}`,
                createdAt: ctx.now,
                by: ctx.actor.id,
              },
            ]
          : order.refunds,
    };
    const money = refund > 0 ? `, refunded ${formatMoney(refund, order.currency)}` : '';
    return { order: next, event: `Cancelled order ${order.number}${money} — ${action.reason}` };
  },
  (action) => `Cancel the order: ${clip(action.reason, 40)}`,
);
