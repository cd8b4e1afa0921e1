import { Draft, type PlaybookContext } from '../draft';
import { askForOrder } from './order-status';

export function billingProblem(ctx: PlaybookContext): Draft[] {
  const order = ctx.order;
  if (!order) return askForOrder(ctx, 'billing_problem.ask_for_order');
  const captured = order.payments.filter((p) => p.status === 'captured');
  const duplicate = captured.find((p, i) => captured.some((q, j) => j > i && q.amountCents === p.amountCents));
  if (duplicate) {
    const index = order.payments.indexOf(duplicate);
    const d = new Draft('billing_problem.duplicate', ctx);
    d.say(
      `You’re right: I can see two charges of ${d.amount(order, duplicate.amountCents, `payments[${index}].amountCents`)} for order ${d.number(order)}.`,
    ).say(`I’m refunding the duplicate to your ${duplicate.method} and will confirm by ${d.followUp()}.`);
    return [d];
  }
  const failed = order.payments.find((p) => p.status === 'failed');
  if (failed) {
    const index = order.payments.indexOf(failed);
    const d = new Draft('billing_problem.failed', ctx);
    d.say(
      `The payment of ${d.amount(order, failed.amountCents, `payments[${index}].amountCents`)} for order ${d.number(order)} on ${d.orderDate(order, failed.processedAt, `payments[${index}].processedAt`)} didn’t go through.`,
    ).say('Any hold you see on your card is released by your bank within a few days.');
    return [d];
  }
  const d = new Draft('billing_problem.check_statement', ctx);
  const payment = captured[0];
  if (payment) {
    const index = order.payments.indexOf(payment);
    d.say(
      `I can see one charge of ${d.amount(order, payment.amountCents, `payments[${index}].amountCents`)} for order ${d.number(order)} on ${d.orderDate(order, payment.processedAt, `payments[${index}].processedAt`)}, to your ${payment.method}.`,
    );
  } else d.say(`I can’t see a completed charge for order ${d.number(order)} yet.`);
  d.say(
    `If your statement shows something else, could you send the amount and date? I’ll check it by ${d.followUp()}.`,
  );
  return [d];
}
