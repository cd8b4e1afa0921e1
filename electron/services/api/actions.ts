// Rep actions: written to the outbox with their local effect, then sent by the sync client.
import { randomUUID } from 'node:crypto';
import type { ApiHandlers, RejectedAction } from '../../../shared/api';
import { CaredeskError, refundLimitOf } from '../../../shared/domain';
import type { Message, Note, Order, User } from '../../../shared/domain';
import { applyToOrder, checkAction, describeAction as describeInWords, isOrderAction } from '../../../shared/sync';
import type { Action, OrderAction } from '../../../shared/sync';
import { getConversationView } from '../db/conversations';
import { getOrder } from '../db/customers';
import { localReplyId, messageTime, newestInboundAfter } from '../db/messages';
import type { Db } from '../db/open';
import { dismissRejected, enqueueAction, enqueueActions, listRejected } from '../db/outbox';
import type { OutboxEntry, RejectedEntry } from '../db/outbox';
import { getUser } from '../db/people';

interface ActionDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
  /** After every write: tell the renderer and wake the sync. */
  changed: (conversationId: string) => void;
}

type ActionHandlers = Pick<
  ApiHandlers,
  'reply:send' | 'conversation:act' | 'conversations:assign' | 'outbox:rejected' | 'outbox:dismiss'
>;

/** The copy of a note shown at once, until the server's arrives. */
function localNote(actionId: string, conversationId: string, author: User, body: string, now: number): Note {
  return { id: `local-${actionId}`, conversationId, authorId: author.id, body, createdAt: now, clientId: actionId };
}

export function actionHandlers(deps: ActionDeps): ActionHandlers {
  const { db, clock } = deps;

  /** The conversation as the rep's view shows it now (their own pending actions included). */
  function conversationFor(conversationId: string) {
    const conversation = getConversationView(db, conversationId);
    if (!conversation) throw new CaredeskError('not_found', 'This conversation is not in your inbox (any more).');
    return conversation;
  }

  return {
    'reply:send': ({ conversationId, body, seenMessageId, confirmStale, suggestion }) => {
      const user = deps.requireUser();
      const conversation = conversationFor(conversationId);
      if (seenMessageId && !confirmStale) refuseIfStale(db, conversationId, seenMessageId, conversation.customerName);
      const id = randomUUID();
      const message: Message = {
        id: localReplyId(id),
        conversationId,
        channel: conversation.channel,
        direction: 'outbound',
        authorId: user.id,
        body,
        createdAt: clock(),
        status: 'pending',
        clientId: id,
        ...(suggestion ? { suggestion } : {}),
      };
      const action: Action = {
        type: 'reply',
        conversationId,
        seenAssigneeId: conversation.assigneeId,
        body,
        ...(suggestion ? { suggestion } : {}),
      };
      enqueueAction(db, { id, action, createdAt: message.createdAt, local: { message } });
      deps.changed(conversationId);
      return Promise.resolve(message);
    },

    'conversation:act': (input) => {
      const user = deps.requireUser();
      const conversation = conversationFor(input.conversationId);
      const now = clock();
      const action: Action = { ...input, seenAssigneeId: conversation.assigneeId };
      // What the server would refuse anyway is refused before it is queued (nothing to undo): an
      // order action is checked on the order the rep's panel shows.
      const order = (orderId: string) => getOrder(db, orderId);
      checkAction(action, { actor: user, conversation, now, user: (userId) => getUser(db, userId), order });
      const id = randomUUID();
      const note =
        input.type === 'note'
          ? localNote(id, input.conversationId, user, input.body, now)
          : isOrderAction(action)
            ? localNote(id, input.conversationId, user, orderEvent(action, user, now, order), now)
            : null;
      enqueueAction(db, { id, action, createdAt: now, ...(note ? { local: { note } } : {}) });
      deps.changed(input.conversationId);
      return Promise.resolve({ actionId: id });
    },

    'conversations:assign': ({ conversationIds, assigneeId, note }) => {
      const user = deps.requireUser();
      const now = clock();
      const unique = [...new Set(conversationIds)];
      const items = unique.map((conversationId) => ({
        conversationId,
        seenAssigneeId: conversationFor(conversationId).assigneeId,
      }));
      // Each conversation's part is checked as a single assignment would be; any refusal refuses the whole.
      const refused = items.flatMap((item) => {
        try {
          checkAction(
            { type: 'assign', ...item, assigneeId },
            { actor: user, conversation: conversationFor(item.conversationId), now, user: (id) => getUser(db, id) },
          );
          return [];
        } catch (error) {
          if (error instanceof CaredeskError) return [error];
          throw error;
        }
      });
      const [first] = refused;
      if (first) {
        const which = refused.length === 1 ? 'One of these conversations' : `${refused.length} of these conversations`;
        throw new CaredeskError(first.code, `${which} cannot be assigned: ${first.message}`);
      }
      const id = randomUUID();
      // The note for the new assignee goes on each conversation, queued with the assignment (all or nothing).
      const notes = (note === undefined ? [] : items).map(({ conversationId, seenAssigneeId }) => {
        const noteId = randomUUID();
        const body = note ?? '';
        return {
          id: noteId,
          action: { type: 'note', conversationId, seenAssigneeId, body } satisfies Action,
          createdAt: now,
          local: { note: localNote(noteId, conversationId, user, body, now) },
        };
      });
      enqueueActions(db, [{ id, action: { type: 'assignMany', items, assigneeId }, createdAt: now }, ...notes]);
      for (const item of items) deps.changed(item.conversationId);
      return Promise.resolve({ actionId: id });
    },

    'outbox:rejected': () => {
      deps.requireUser();
      return Promise.resolve(listRejected(db).map((entry) => describeRejected(db, entry)));
    },

    'outbox:dismiss': ({ actionId }) => {
      deps.requireUser();
      for (const conversationId of dismissRejected(db, actionId) ?? []) deps.changed(conversationId);
      return Promise.resolve({});
    },
  };
}

/**
 * The internal note an order action leaves, shown at once (offline too) until the server's
 * arrives. The server decides whether a refund waits for approval (it holds each user's limit);
 * here a rep's role default stands in, so a rep with a limit of their own may read other words
 * until the server's note replaces these.
 */
function orderEvent(action: OrderAction, actor: User, now: number, order: (id: string) => Order | null): string {
  const held = order(action.orderId);
  if (!held) return describeInWords(action, { userName: () => null });
  let n = 0;
  return applyToOrder(held, action, {
    actor,
    now,
    conversationId: action.conversationId,
    newId: () => `local-${++n}`,
    refundLimitCents: refundLimitOf(actor, null),
  }).event;
}

/**
 * A reply written before the newest inbound message was on the rep's screen may answer the
 * wrong thing: the rep rereads or confirms (`confirmStale`). A seen message the cache does not
 * know at all cannot be compared: no check.
 */
function refuseIfStale(db: Db, conversationId: string, seenMessageId: string, customerName: string): void {
  const seenAt = messageTime(db, conversationId, seenMessageId);
  if (seenAt === null) return;
  const newer = newestInboundAfter(db, conversationId, seenAt);
  if (!newer) return;
  const who = customerName.trim() || 'The customer';
  const preview = newer.body.length > 120 ? `${newer.body.slice(0, 119)}…` : newer.body;
  throw new CaredeskError(
    'stale_view',
    `${who} wrote again after you started your reply: “${preview}” Send it anyway?`,
  );
}

/** An outbox entry in words, for the rep. */
export function describeAction(db: Db, entry: Pick<OutboxEntry, 'action'>): string {
  return describeInWords(entry.action, { userName: (id) => getUser(db, id)?.name ?? null });
}

export function describeRejected(db: Db, entry: RejectedEntry): RejectedAction {
  return {
    actionId: entry.id,
    conversationId: entry.conversationIds.length === 1 ? (entry.conversationIds[0] ?? null) : null,
    conversationIds: entry.conversationIds,
    type: entry.action.type,
    summary: describeAction(db, entry),
    reason: entry.reason,
    at: entry.rejectedAt,
  };
}
