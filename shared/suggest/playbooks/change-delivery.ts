import { currentShipment, Draft, type PlaybookContext } from '../draft';
import { askForOrder } from './order-status';

export function changeDelivery(ctx: PlaybookContext): Draft[] {
  const order = ctx.order;
  if (!order) return askForOrder(ctx, 'change_delivery.ask_for_order');
  const shipment = currentShipment(order);
  if (!shipment) {
    const d = new Draft('change_delivery.before_shipping', ctx);
    d.say(`Order ${d.number(order)} hasn’t shipped yet, so the delivery details can still change.`).say(
      `Please reply with the full new address or delivery instructions and I’ll update the order and confirm by ${d.followUp()}.`,
    );
    return [d];
  }
  if (shipment.status === 'delivered') {
    const d = new Draft('change_delivery.already_delivered', ctx);
    d.say(
      `Order ${d.number(order)} was already delivered on ${d.shipmentDate(order, shipment, 'deliveredAt')}, so it can’t be redirected.`,
    ).add('If it went to the wrong place, reply here and I’ll help you get it back.');
    return [d];
  }
  const redirect = new Draft('change_delivery.redirect_with_carrier', ctx);
  redirect
    .say(
      `Order ${redirect.number(order)} is already with ${redirect.carrier(order, shipment)}, so we can’t change it from here.`,
    )
    .say(`You can ask for a redirect or a hold at a pickup point at ${redirect.link(order, shipment)}`);
  const ask = new Draft('change_delivery.ask_carrier', ctx);
  ask
    .say(
      `Order ${ask.number(order)} is already with ${ask.carrier(order, shipment)} (tracking ${ask.tracking(order, shipment)}).`,
    )
    .say(`Send me the new address and I’ll ask the carrier to redirect it and update you by ${ask.followUp()}.`);
  return [redirect, ask];
}
