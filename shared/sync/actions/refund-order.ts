import { z } from 'zod';
import type { Order } from '../../domain/entities';
import { formatMoney } from '../../domain/money';
import { OrderLine, REFUND_REASON_LABELS, RefundReason } from '../../domain/order-extras';
import type { OrderLine as Line } from '../../domain/order-extras';
import { capturedCents, formatLines, mergeLines, refundAmount, refundedCents } from '../../domain/order-rules';
import { storableText } from '../text';
import { defineOrderAction, onOrder } from './order-define';
import type { OrderActionContext } from './order-define';

/**
 * Refunds an order in full (no `lines`: everything still refundable) or by line (SKU and quantity,
 * never more than bought minus refunded), with a reason from a fixed list and the rep's words.
 * Above the actor's refund limit it is not refused: it waits as a request a lead or admin
 * approves (`approveRefund`, which runs it) or declines.
 */
export const RefundOrderAction = z.object({
  type: z.literal('refundOrder'),
  ...onOrder,
  lines: z.array(OrderLine).min(1).max(100).optional(),
  reason: RefundReason,
  note: storableText(z.string().trim().max(500)).optional(),
});
export type RefundOrderAction = z.infer<typeof RefundOrderAction>;

/** The reason in words: the fixed reason, then the rep's own. */
export function refundReasonWords(reason: RefundReason, note: string | undefined): string {
  const label = REFUND_REASON_LABELS[reason];
  return note ? `${label}: ${note}` : label;
}

/** A refund made: its entry, and the order `refunded` once everything captured is. */
export function runRefund(
  order: Order,
  refund: { amountCents: number; lines: readonly Line[] | undefined; reason: string; requestId?: string },
  ctx: Pick<OrderActionContext, 'actor' | 'now' | 'newId'>,
): Order {
  const refunds = [
    ...order.refunds,
    {
      id: ctx.newId(),
      amountCents: refund.amountCents,
      reason: refund.reason,
      createdAt: ctx.now,
      ...(refund.lines ? { lines: mergeLines(refund.lines) } : {}),
      by: ctx.actor.id,
      ...(refund.requestId ? { requestId: refund.requestId } : {}),
    },
  ];
  const next: Order = { ...order, refunds };
  if (refundedCents(next) < capturedCents(next)) return next;
  return {
    ...next,
    status: 'refunded',
    payments: next.payments.map((payment) =>
      payment.status === 'captured' ? { ...payment, status: 'refunded' } : payment,
    ),
  };
}

export const refundOrder = defineOrderAction<RefundOrderAction>(
  RefundOrderAction,
  (order, action, ctx) => {
    const amount = refundAmount(order, action.lines);
    const reason = refundReasonWords(action.reason, action.note);
    const money = formatMoney(amount, order.currency);
    const what = action.lines ? ` (${formatLines(mergeLines(action.lines))})` : '';
    if (ctx.refundLimitCents !== null && amount > ctx.refundLimitCents) {
      const request = {
        id: ctx.newId(),
        conversationId: ctx.conversationId,
        amountCents: amount,
        ...(action.lines ? { lines: mergeLines(action.lines) } : {}),
        reason: action.reason,
        note: action.note ?? '',
        requestedBy: ctx.actor.id,
        requestedAt: ctx.now,
        status: 'awaiting_approval' as const,
      };
      return {
        order: { ...order, refundRequests: [...(order.refundRequests ?? []), request] },
        event: `Refund of ${money}${what} on ${order.number} awaits a lead's approval (above the ${formatMoney(ctx.refundLimitCents, order.currency)} limit) — ${reason}`,
      };
    }
    return {
      order: runRefund(order, { amountCents: amount, lines: action.lines, reason }, ctx),
      event: `Refunded ${money}${what} on ${order.number} — ${reason}`,
    };
  },
  (action) =>
    `Refund ${action.lines ? formatLines(action.lines) : 'the order'}: ${REFUND_REASON_LABELS[action.reason]}`,
);
