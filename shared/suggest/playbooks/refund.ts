import { currentShipment, Draft, itemOf, paymentMethod, settleDays, type PlaybookContext } from '../draft';
import { askForOrder } from './order-status';
import { returnSteps } from './return-exchange';

export function refund(ctx: PlaybookContext): Draft[] {
  const order = ctx.order;
  if (!order) return askForOrder(ctx, 'refund.ask_for_order');
  const refunds = [...order.refunds].sort((a, b) => b.createdAt - a.createdAt);
  const latest = refunds[0];
  if (latest) {
    const index = order.refunds.indexOf(latest);
    const d = new Draft('refund.issued', ctx);
    d.say(
      `We refunded ${d.amount(order, latest.amountCents, `refunds[${index}].amountCents`)} for order ${d.number(order)} on ${d.orderDate(order, latest.createdAt, `refunds[${index}].createdAt`)} to ${paymentMethod(order)}.`,
    ).say(`Banks take ${settleDays(ctx)} to show it on your statement.`);
    d.add('If it still isn’t there after that, reply here and I’ll trace it with our payments team.');
    return [d];
  }
  const received = order.returns.find((r) => r.status === 'received' || r.status === 'approved');
  if (received) {
    const d = new Draft('refund.return_received', ctx);
    d.say(`Your return for order ${d.number(order)} is ${received.status} and its refund is being prepared.`).say(
      `I’m checking when it goes out and will confirm by ${d.followUp()}.`,
    );
    return [d];
  }
  if (order.status === 'cancelled') {
    const d = new Draft('refund.cancelled_not_refunded', ctx);
    d.say(`Order ${d.number(order)} was cancelled and I can’t see its refund yet.`).say(
      `I’m checking with our payments team and will update you by ${d.followUp()}.`,
    );
    return [d];
  }
  const shipment = currentShipment(order);
  if (shipment && shipment.status !== 'delivered') {
    const d = new Draft('refund.not_delivered_yet', ctx);
    d.say(`Order ${d.number(order)} is still on its way with ${d.carrier(order, shipment)}.`)
      .say(
        `If you no longer want it, you can refuse the delivery or return it within ${ctx.policy.returnWindowDays} days of delivery, and we’ll refund you once it’s back with us.`,
      )
      .add(`Tracking: ${d.link(order, shipment)}`);
    return [d];
  }
  const drafts: Draft[] = [];
  const steps = returnSteps(ctx, order, 'refund.via_return');
  if (steps) drafts.push(steps);
  const item = itemOf(ctx, order);
  const ask = new Draft('refund.ask_what_happened', ctx);
  ask
    .say(
      `I’m sorry ${item ? `your ${ask.product(order, item.title)}` : `order ${ask.number(order)}`} isn’t working out.`,
    )
    .say(`Could you tell me what went wrong? I’ll check what we can refund and reply by ${ask.followUp()}.`);
  drafts.push(ask);
  return drafts;
}
