import type { Order } from '../../domain/entities';
import { addDays } from '../format';
import { currentShipment, Draft, itemOf, paymentMethod, type PlaybookContext } from '../draft';
import { askForOrder } from './order-status';

/** Steps of a return within the window: the label, the packing, the drop-off and the refund. */
export function returnSteps(ctx: PlaybookContext, order: Order, playbook: string): Draft | null {
  const shipment = currentShipment(order);
  const deliveredAt = shipment?.deliveredAt ?? null;
  if (!shipment || shipment.status !== 'delivered' || deliveredAt === null) return null;
  const deadline = addDays(deliveredAt, ctx.policy.returnWindowDays);
  if (deadline < ctx.now) return null;
  const item = itemOf(ctx, order);
  const d = new Draft(playbook, ctx);
  const what = item ? `your ${d.product(order, item.title)}` : 'it';
  const index = item ? order.lineItems.indexOf(item) : -1;
  d.say(`You can return ${what} from order ${d.number(order)} until ${d.date(deadline, 'policy.returnWindowDays')}.`);
  const portal = ctx.policy.returnPortalUrl;
  d.say(
    portal
      ? `Start the return at ${d.quote('url', portal, 'policy.returnPortalUrl')} and print the prepaid label.`
      : 'I’ll email you a prepaid return label.',
  );
  d.add('Pack the item in its original box, stick the label on and drop it at any carrier location.');
  if (item && index >= 0) {
    d.say(
      `Once it reaches us we’ll refund ${d.amount(order, item.unitPriceCents * item.quantity, `lineItems[${index}].unitPriceCents`)} to ${paymentMethod(order)}, or send an exchange if you prefer.`,
    );
  }
  return d;
}

export function returnExchange(ctx: PlaybookContext): Draft[] {
  const order = ctx.order;
  if (!order) return askForOrder(ctx, 'return_exchange.ask_for_order');
  const existing = order.returns[0];
  if (existing) {
    const d = new Draft('return_exchange.in_progress', ctx);
    d.say(
      `Your return for order ${d.number(order)}, opened ${d.orderDate(order, existing.createdAt, 'returns[0].createdAt')}, is ${existing.status}.`,
    );
    d.say(`I’m checking on its next step and will update you by ${d.followUp()}.`);
    return [d];
  }
  const steps = returnSteps(ctx, order, 'return_exchange.steps');
  if (steps) return [steps];
  const shipment = currentShipment(order);
  const d = new Draft('return_exchange.not_returnable_yet', ctx);
  if (!shipment || shipment.status !== 'delivered') {
    d.say(`Order ${d.number(order)} hasn’t been delivered yet.`).say(
      `Once it arrives you’ll have ${ctx.policy.returnWindowDays} days to return it, and I can send the label then.`,
    );
    return [d];
  }
  d.say(
    `Order ${d.number(order)} was delivered on ${d.shipmentDate(order, shipment, 'deliveredAt')}, outside our ${ctx.policy.returnWindowDays}-day return window.`,
  ).say(`I’m checking whether we can make an exception and will reply by ${d.followUp()}.`);
  return [d];
}
