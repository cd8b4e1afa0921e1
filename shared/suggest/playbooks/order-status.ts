import type { Order } from '../../domain/entities';
import { currentShipment, Draft, hasEstimate, isLate, lastScan, type PlaybookContext } from '../draft';

/** No order on record: ask for what finds it, promising nothing about it. */
export function askForOrder(ctx: PlaybookContext, playbook: string): Draft[] {
  return [
    new Draft(playbook, ctx)
      .say('I can’t find an order on your account yet.')
      .say('Could you send me the order number (it starts with #) or the email you ordered with?')
      .add('I’ll look it up as soon as I have it.'),
  ];
}

/** Not shipped yet: what happens next and when the rep comes back with a ship date. */
export function notShipped(ctx: PlaybookContext, order: Order, playbook: string): Draft {
  const d = new Draft(playbook, ctx);
  return d
    .say(`Order ${d.number(order)}, placed ${d.orderDate(order, order.placedAt, 'placedAt')}, hasn’t shipped yet.`)
    .say(`I’m checking with our warehouse when it will leave and will update you by ${d.followUp()}.`);
}

export function orderStatus(ctx: PlaybookContext): Draft[] {
  const order = ctx.order;
  if (!order) return askForOrder(ctx, 'order_status.ask_for_order');
  if (order.status === 'cancelled' || order.status === 'refunded') {
    const d = new Draft('order_status.cancelled', ctx);
    d.say(`Order ${d.number(order)} was ${order.status}, so it won’t ship.`);
    const refund = order.refunds[0];
    if (refund)
      d.say(
        `We refunded ${d.amount(order, refund.amountCents, 'refunds[0].amountCents')} on ${d.orderDate(order, refund.createdAt, 'refunds[0].createdAt')}.`,
      );
    return [d];
  }
  const shipment = currentShipment(order);
  if (!shipment) return [notShipped(ctx, order, 'order_status.not_shipped')];
  const scan = lastScan(shipment);

  if (shipment.status === 'delivered') {
    const d = new Draft('order_status.delivered', ctx);
    d.say(
      `Order ${d.number(order)} was delivered by ${d.carrier(order, shipment)} on ${d.shipmentDate(order, shipment, 'deliveredAt')}.`,
    )
      .add(`Tracking: ${d.link(order, shipment)}`)
      .add('If you can’t find it, reply here and I’ll open a trace with the carrier.');
    return [d];
  }

  if (shipment.status === 'exception' || isLate(shipment, ctx.now)) {
    const d = new Draft('order_status.late', ctx);
    d.say(`Order ${d.number(order)} is with ${d.carrier(order, shipment)} (tracking ${d.tracking(order, shipment)}).`);
    if (scan) d.add(`Its last scan was ${d.scan(order, shipment, scan)}.`);
    d.say(
      shipment.status === 'exception'
        ? `The carrier reported a delivery problem, so I’m contacting them and will update you by ${d.followUp()}.`
        : `It’s running behind the carrier’s estimate, so I’m asking for a new delivery date and will update you by ${d.followUp()}.`,
    );
    return [d];
  }

  const full = new Draft('order_status.tracking', ctx);
  // Without an estimate in the record no day is promised.
  const due = (d: Draft, words: string) =>
    hasEstimate(shipment) ? `${words} ${d.shipmentDate(order, shipment, 'estimatedDelivery')}` : '';
  full.say(
    `Order ${full.number(order)} is on its way with ${full.carrier(order, shipment)}${due(full, ', expected')}.`,
  );
  if (scan) full.add(`Last scan: ${full.scan(order, shipment, scan)}.`);
  full.say(`Track it here: ${full.link(order, shipment)}`);

  const short = new Draft('order_status.tracking_short', ctx);
  short.say(
    `Your order ${short.number(order)} is with ${short.carrier(order, shipment)}${due(short, ' and should arrive')}: ${short.link(order, shipment)}`,
  );
  return [full, short];
}
