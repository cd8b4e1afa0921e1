import { z } from 'zod';
import { ownOrder, sourceLabel } from '../../domain/entities';
import type { Order, User } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { storableText } from '../text';
import { ActionRef, onConversation } from './define';
import type { CheckContext, ConversationActionDefinition } from './define';

// Order actions (protocol 11): a rep acts on an order of the conversation's customer. Each module
// says what the action does to the order (`applyToOrder`, run by the server on its locked row) and
// the words of the internal note it leaves on the conversation; its checks are that same rule run
// on the deciding side's copy (the engine's cache, the server's row), so both refuse alike.

/** The fields every order action carries. */
export const onOrder = { ...onConversation, orderId: ActionRef };

/** A reason a rep gives in their own words. */
export const ReasonText = storableText(z.string().trim().min(1, 'Give a reason.').max(500));

export interface OrderActionContext {
  actor: User;
  now: number;
  conversationId: string;
  /** New ids for what the action adds (a refund, a shipment, a request). */
  newId: () => string;
  /** The actor's refund limit in minor units; null: none. */
  refundLimitCents: number | null;
}

/** The order after the action, and the internal note that tells the team what was done. */
export interface OrderOutcome {
  order: Order;
  event: string;
}

export interface OrderActionDefinition<
  A extends { type: string; conversationId: string; orderId: string },
> extends ConversationActionDefinition<A> {
  readonly orderAction: true;
  /** Throws a CaredeskError when the action does not fit the order. */
  applyToOrder(order: Order, action: A, ctx: OrderActionContext): OrderOutcome;
}

/**
 * The order an action names, as the deciding side holds it; not_found unless it is the
 * conversation's customer's. An order a connected store keeps is refused unless `storeOrders`
 * (the store is asked to make the change: `server/crm/writes.ts`).
 */
export function orderFor(orderId: string, ctx: CheckContext, storeOrders = false): Order {
  if (!ctx.order) throw new Error('Order actions are checked with the order (CheckContext.order).');
  const order = ctx.order(orderId);
  if (!order || order.customerId !== ctx.conversation.customerId) {
    throw new CaredeskError('not_found', 'That order is not one of this customer’s (or it no longer exists).');
  }
  if (!storeOrders && !ownOrder(order)) {
    const store = sourceLabel(order.source);
    throw new CaredeskError(
      'invalid_input',
      `Order ${order.number} is kept in ${store}, which Caredesk cannot ask for this: do it in ${store}.`,
    );
  }
  return order;
}

/**
 * Defines an order action whose checks are its own rule run on the deciding side's copy of the
 * order (nothing kept): what the server would refuse, the engine refuses before queuing.
 */
export function defineOrderAction<A extends { type: string; conversationId: string; orderId: string }>(
  schema: z.ZodType<A>,
  applyToOrder: OrderActionDefinition<A>['applyToOrder'],
  describe: OrderActionDefinition<A>['describe'],
  /** `ownOrdersOnly`: a connected store cannot be asked to do it (a reship): its orders are refused. */
  options: { ownOrdersOnly?: boolean } = {},
): OrderActionDefinition<A> {
  return {
    scope: 'conversation',
    orderAction: true,
    schema,
    users: () => [],
    // The conversation keeps its fields; the order changes on the server.
    apply: (conversation) => conversation,
    check: (action, ctx) => {
      applyToOrder(orderFor(action.orderId, ctx, !options.ownOrdersOnly), action, {
        actor: ctx.actor,
        now: ctx.now,
        conversationId: action.conversationId,
        newId: () => 'check',
        refundLimitCents: null,
      });
    },
    applyToOrder,
    describe,
  };
}
