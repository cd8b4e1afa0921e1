import { z } from 'zod';
import type { Order } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { formatMoney } from '../../domain/money';
import type { RefundRequest } from '../../domain/order-extras';
import { mayApproveRefunds, refundAmount } from '../../domain/order-rules';
import { ActionRef } from './define';
import { defineOrderAction, onOrder, ReasonText } from './order-define';
import type { OrderActionContext } from './order-define';
import { refundReasonWords, runRefund } from './refund-order';
import { clip } from './words';

/** A lead or admin of the conversation's team runs a refund that waits for approval. */
export const ApproveRefundAction = z.object({ type: z.literal('approveRefund'), ...onOrder, requestId: ActionRef });
export type ApproveRefundAction = z.infer<typeof ApproveRefundAction>;

/** A lead or admin of the conversation's team turns a waiting refund down, saying why. */
export const DeclineRefundAction = z.object({
  type: z.literal('declineRefund'),
  ...onOrder,
  requestId: ActionRef,
  reason: ReasonText,
});
export type DeclineRefundAction = z.infer<typeof DeclineRefundAction>;

/** The waiting request, once the actor may decide it. */
function waiting(order: Order, requestId: string, ctx: OrderActionContext, verb: string): RefundRequest {
  if (!mayApproveRefunds(ctx.actor)) {
    throw new CaredeskError(
      'forbidden',
      `Only a team lead or an admin can ${verb} a refund that waits for approval. Ask your lead.`,
    );
  }
  const request = order.refundRequests?.find((candidate) => candidate.id === requestId);
  if (!request) throw new CaredeskError('not_found', `That refund request is not on ${order.number}.`);
  if (request.status !== 'awaiting_approval') {
    throw new CaredeskError('conflict', `That refund on ${order.number} was ${request.status} already.`);
  }
  return request;
}

function decided(order: Order, request: RefundRequest, ctx: OrderActionContext, change: Partial<RefundRequest>): Order {
  return {
    ...order,
    refundRequests: (order.refundRequests ?? []).map((candidate) =>
      candidate.id === request.id
        ? { ...candidate, ...change, decidedBy: ctx.actor.id, decidedAt: ctx.now }
        : candidate,
    ),
  };
}

export const approveRefund = defineOrderAction<ApproveRefundAction>(
  ApproveRefundAction,
  (order, action, ctx) => {
    const request = waiting(order, action.requestId, ctx, 'approve');
    const approved = decided(order, request, ctx, { status: 'approved' });
    // Checked again on the order as it is now, without this request holding its amount back.
    const amount = refundAmount(approved, request.lines);
    if (!request.lines && amount < request.amountCents) {
      throw new CaredeskError(
        'conflict',
        `Only ${formatMoney(amount, order.currency)} is left to refund on ${order.number}: decline this request and refund again.`,
      );
    }
    const reason = refundReasonWords(request.reason, request.note || undefined);
    return {
      order: runRefund(
        approved,
        { amountCents: request.amountCents, lines: request.lines, reason, requestId: request.id },
        ctx,
      ),
      event: `Approved and refunded ${formatMoney(request.amountCents, order.currency)} on ${order.number} — ${reason}`,
    };
  },
  () => 'Approve the refund',
);

export const declineRefund = defineOrderAction<DeclineRefundAction>(
  DeclineRefundAction,
  (order, action, ctx) => {
    const request = waiting(order, action.requestId, ctx, 'decline');
    return {
      order: decided(order, request, ctx, { status: 'declined', declineReason: action.reason }),
      event: `Declined the refund of ${formatMoney(request.amountCents, order.currency)} on ${order.number} — ${action.reason}`,
    };
  },
  (action) => `Decline the refund: ${clip(action.reason, 40)}`,
);
