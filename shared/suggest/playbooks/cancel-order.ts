import { currentShipment, Draft, paymentMethod, settleDays, type PlaybookContext } from '../draft';
import { askForOrder } from './order-status';
import { returnSteps } from './return-exchange';

export function cancelOrder(ctx: PlaybookContext): Draft[] {
  const order = ctx.order;
  if (!order) return askForOrder(ctx, 'cancel_order.ask_for_order');
  if (order.status === 'cancelled' || order.status === 'refunded') {
    const d = new Draft('cancel_order.already_cancelled', ctx);
    d.say(`Order ${d.number(order)} is already cancelled.`);
    const refund = order.refunds[0];
    if (refund)
      d.say(
        `We refunded ${d.amount(order, refund.amountCents, 'refunds[0].amountCents')} on ${d.orderDate(order, refund.createdAt, 'refunds[0].createdAt')}.`,
      );
    return [d];
  }
  const shipment = currentShipment(order);
  if (!shipment) {
    const now = new Draft('cancel_order.cancel', ctx);
    now
      .say(`Order ${now.number(order)} hasn’t shipped yet, so I’m cancelling it now.`)
      .say(
        `The full ${now.amount(order, order.totalCents, 'totalCents')} goes back to ${paymentMethod(order)} and takes ${settleDays(ctx)} to show.`,
      );
    const confirm = new Draft('cancel_order.confirm_first', ctx);
    confirm
      .say(`Order ${confirm.number(order)} hasn’t shipped yet, so it can still be cancelled.`)
      .say(
        `Reply YES and I’ll cancel it and refund the full ${confirm.amount(order, order.totalCents, 'totalCents')}.`,
      );
    return [now, confirm];
  }
  if (shipment.status === 'delivered') {
    const d = new Draft('cancel_order.already_delivered', ctx);
    d.say(
      `Order ${d.number(order)} was delivered on ${d.shipmentDate(order, shipment, 'deliveredAt')}, so it can’t be cancelled any more.`,
    );
    const steps = returnSteps(ctx, order, 'cancel_order.return_instead');
    d.say(
      steps
        ? `You can still return it within ${ctx.policy.returnWindowDays} days of delivery for a refund; reply here and I’ll send the steps.`
        : `It is outside our ${ctx.policy.returnWindowDays}-day return window, but I’m checking what we can do and will reply by ${d.followUp()}.`,
    );
    return steps ? [d, steps] : [d];
  }
  const d = new Draft('cancel_order.already_shipped', ctx);
  d.say(
    `Order ${d.number(order)} left with ${d.carrier(order, shipment)} on ${d.shipmentDate(order, shipment, 'shippedAt')}, so it can’t be cancelled any more.`,
  )
    .say(`Once it arrives you can return it within ${ctx.policy.returnWindowDays} days for a refund.`)
    .add(`Tracking: ${d.link(order, shipment)}`);
  return [d];
}
