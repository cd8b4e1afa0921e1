import { randomUUID } from 'node:crypto';
import { ownOrder, sourceLabel } from '../../../shared/domain/entities';
import type { Conversation, Note, User } from '../../../shared/domain/entities';
import { refundLimitOf } from '../../../shared/domain/order-rules';
import { applyToOrder, checkAction } from '../../../shared/sync/actions';
import type { OrderAction } from '../../../shared/sync/actions';
import { orderChanges } from '../../db/customers';
import { insertNote } from '../../db/notes';
import { lockOrder, storedRefundLimit, writeOrder } from '../../db/orders';
import type { Sql } from '../../db/sql';
import { enqueueStoreWrite } from '../../db/store-writes';
import { storeWriteOf } from '../../crm/writes';
import type { Applied } from './conversation';

/**
 * Applies an order action on its locked conversation (the customer's lock held): the order's row
 * is locked, the shared checks run on it (an order of another customer or none: not_found), the
 * order is written with the note that tells the team what was done, and the order goes to every
 * team that sees its customer (like an order the CRM synced), all in the action's transaction.
 * On an order a connected store keeps (Shopify) the change is also queued for the store: it shows
 * at once, and a refusal puts the order back.
 */
export async function applyOrderAction(
  tx: Sql,
  user: User,
  conversation: Conversation,
  action: OrderAction,
  actionId: string,
  now: number,
): Promise<Applied> {
  const order = await lockOrder(tx, action.orderId);
  checkAction(action, { actor: user, conversation, now, user: () => null, order: () => order });
  if (!order) throw new Error('checkAction lets no action on a missing order through');
  const outcome = applyToOrder(order, action, {
    actor: user,
    now,
    conversationId: conversation.id,
    newId: randomUUID,
    refundLimitCents: refundLimitOf(user, await storedRefundLimit(tx, user.id)),
  });
  const note: Note = {
    id: randomUUID(),
    conversationId: conversation.id,
    authorId: user.id,
    body: outcome.event,
    createdAt: now,
    clientId: actionId,
  };
  // An order a connected store keeps: the store is asked after the commit (`server/crm/writes.ts`).
  const change = ownOrder(order) ? null : storeWriteOf(order, outcome.order);
  if (change) note.body = `${outcome.event} — asking ${sourceLabel(order.source)}`;
  const noteChange = await insertNote(tx, note, conversation.teamId);
  if (!noteChange) return { changes: [], repeat: true };
  await writeOrder(tx, outcome.order);
  if (change)
    await enqueueStoreWrite(
      tx,
      {
        id: actionId,
        order,
        conversationId: conversation.id,
        actorId: user.id,
        source: order.source ?? '',
        change,
        before: order,
      },
      now,
    );
  return { changes: [...(await orderChanges(tx, outcome.order)), noteChange], note };
}
