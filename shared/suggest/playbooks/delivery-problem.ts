import { currentShipment, Draft, hasEstimate, isLate, lastScan, type PlaybookContext } from '../draft';
import { askForOrder, notShipped } from './order-status';

export function deliveryProblem(ctx: PlaybookContext): Draft[] {
  const order = ctx.order;
  if (!order) return askForOrder(ctx, 'delivery_problem.ask_for_order');
  const shipment = currentShipment(order);
  if (!shipment) return [notShipped(ctx, order, 'delivery_problem.not_shipped')];
  const scan = lastScan(shipment);
  const remedy = ctx.policy.replacement === 'replace' ? 'send a replacement' : 'send a replacement or refund you';

  if (shipment.status === 'delivered') {
    const search = new Draft('delivery_problem.delivered_not_received', ctx);
    search
      .say(
        `${search.carrier(order, shipment)} marked order ${search.number(order)} delivered on ${search.shipmentDate(order, shipment, 'deliveredAt')}.`,
      )
      .say('Could you check around your door, with neighbours and in any mailroom?')
      .say(`If it hasn’t turned up by ${search.followUp()}, reply here and I’ll ${remedy} at no cost.`);
    const trace = new Draft('delivery_problem.trace', ctx);
    trace
      .say(`I’m sorry order ${trace.number(order)} didn’t reach you.`)
      .say(
        `I’m asking ${trace.carrier(order, shipment)} to trace tracking ${trace.tracking(order, shipment)} and will update you by ${trace.followUp()}.`,
      )
      .add(`If it’s lost, we’ll ${remedy} at no cost.`);
    return [search, trace];
  }

  if (shipment.status === 'exception' || isLate(shipment, ctx.now)) {
    const d = new Draft('delivery_problem.late', ctx);
    d.say(`I’m sorry order ${d.number(order)} is late.`);
    if (scan) d.say(`Its last scan with ${d.carrier(order, shipment)} was ${d.scan(order, shipment, scan)}.`);
    else d.say(`It’s with ${d.carrier(order, shipment)}.`);
    d.say(`I’ve asked them to trace it and will update you by ${d.followUp()}.`).add(
      `If it’s lost, we’ll ${remedy} at no cost.`,
    );
    return [d];
  }

  const d = new Draft('delivery_problem.on_its_way', ctx);
  const due = hasEstimate(shipment) ? ` and is expected ${d.shipmentDate(order, shipment, 'estimatedDelivery')}` : '';
  d.say(`Order ${d.number(order)} is still on its way with ${d.carrier(order, shipment)}${due}.`);
  if (scan) d.add(`Last scan: ${d.scan(order, shipment, scan)}.`);
  d.say(`You can follow it here: ${d.link(order, shipment)}`);
  return [d];
}
