import type { Intent } from '../../triage/taxonomy';
import type { Draft, PlaybookContext } from '../draft';
import { acknowledge } from './acknowledge';
import { billingProblem } from './billing-problem';
import { cancelOrder } from './cancel-order';
import { changeDelivery } from './change-delivery';
import { damagedOrWrongItem } from './damaged-or-wrong';
import { deliveryProblem } from './delivery-problem';
import { orderStatus } from './order-status';
import { refund } from './refund';
import { returnExchange } from './return-exchange';

const PLAYBOOKS: Partial<Record<Intent, (ctx: PlaybookContext) => Draft[]>> = {
  order_status: orderStatus,
  delivery_problem: deliveryProblem,
  change_delivery: changeDelivery,
  return_exchange: returnExchange,
  refund,
  cancel_order: cancelOrder,
  damaged_or_wrong_item: damagedOrWrongItem,
  billing_problem: billingProblem,
};

/** One to three drafts for the intent, best first. */
export function runPlaybook(intent: Intent, ctx: PlaybookContext): Draft[] {
  const playbook = PLAYBOOKS[intent];
  return (playbook ? playbook(ctx) : acknowledge(ctx, intent)).slice(0, 3);
}
