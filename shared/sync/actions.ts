import { z } from 'zod';
import { Message, Note, Tag } from '../domain/entities';
import { ackOf } from './ack';
import { storableText } from './text';

/**
 * Rep actions, as the outbox stores them and the server applies them. Every action has a
 * client-chosen id; the server applies an id exactly once (the id is stored in the same
 * transaction as the change) and answers a repeat with the first result.
 *
 * Conflict rules (server side, see server/services/actions.ts):
 * - The server's order wins: actions apply in the order they arrive; each engine sends its own
 *   in the order the rep made them, one at a time.
 * - `seenAssigneeId` is the assignee the rep's view showed when they acted. When a rep's action
 *   arrives after the conversation was given to someone else meanwhile, it is refused
 *   (`conflict`, naming the new assignee); leads and admins are never refused for this.
 * - A new inbound message reopens a resolved or snoozed conversation (server/services/inbound.ts).
 */
const Id = storableText(z.string().min(1).max(128));

const OnConversation = {
  conversationId: Id,
  seenAssigneeId: Id.nullable(),
};

export const Action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), ...OnConversation, body: storableText(z.string().trim().min(1).max(10_000)) }),
  z.object({ type: z.literal('assign'), ...OnConversation, assigneeId: Id.nullable() }),
  /** `closed` resolves, `open` reopens. */
  z.object({ type: z.literal('status'), ...OnConversation, status: z.enum(['open', 'closed']) }),
  z.object({ type: z.literal('snooze'), ...OnConversation, until: z.number().int().positive() }),
  z.object({ type: z.literal('tag'), ...OnConversation, tag: storableText(Tag), on: z.boolean() }),
  z.object({ type: z.literal('note'), ...OnConversation, body: storableText(z.string().trim().min(1).max(10_000)) }),
  /** Joins the conversation's customer (all their identities, conversations, orders) into `customerId`. */
  z.object({ type: z.literal('link'), ...OnConversation, customerId: Id }),
]);
export type Action = z.infer<typeof Action>;
export type ActionType = Action['type'];

export const ActionRequest = z.object({
  /** Idempotency key: the same id sent twice is applied once. */
  id: storableText(z.string().min(8).max(64)),
  action: Action,
});
export type ActionRequest = z.infer<typeof ActionRequest>;

export const ActionResult = z.object({
  /** The highest change-log seq the action wrote (0 when it changed nothing). */
  seq: z.number().int().nonnegative(),
  /** The stored reply (`reply`) or note (`note`). */
  message: Message.nullable(),
  note: Note.nullable(),
});
export type ActionResult = z.infer<typeof ActionResult>;

export const ActionAck = ackOf(ActionResult);
export type ActionAck = z.infer<typeof ActionAck>;
