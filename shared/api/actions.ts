import { z } from 'zod';
import { ACTION_TYPES, ActionBody, MAX_BULK, RepActionInput } from '../sync/actions';
import { defineCall, defineEvent } from './define';

/**
 * Rep actions on a conversation. Each is written to the local outbox together with its effect
 * on the cache (one transaction), shows at once, and is sent to the server in order when
 * connected. An action the server refuses is undone locally and listed with the reason until
 * the rep dismisses it (never dropped silently).
 */
export const ConversationAction = RepActionInput;
export type ConversationAction = RepActionInput;

export const act = defineCall('conversation:act', ConversationAction, z.object({ actionId: z.string() }));

/**
 * Assigns several conversations at once (or returns them to the queue) as one action: the server
 * applies it to each, and a conversation that refuses its part is undone and listed on its own.
 */
export const assignMany = defineCall(
  'conversations:assign',
  z.object({
    conversationIds: z.array(z.string().min(1).max(128)).min(1).max(MAX_BULK),
    assigneeId: z.string().min(1).max(128).nullable(),
    /** For the new assignee: written as an internal note on each conversation, with the assignment. */
    note: ActionBody.optional(),
  }),
  z.object({ actionId: z.string() }),
);

/** An action the server refused: its local effect was undone. */
export const RejectedAction = z.object({
  actionId: z.string(),
  /** The conversation to open for it; null for an action on several conversations or none. */
  conversationId: z.string().nullable(),
  conversationIds: z.array(z.string()),
  type: z.enum(ACTION_TYPES),
  /** What the rep did, in words ("Resolve", "Reply: Thanks, …"). */
  summary: z.string(),
  /** The server's reason, for the rep. */
  reason: z.string(),
  at: z.number().int(),
});
export type RejectedAction = z.infer<typeof RejectedAction>;

export const listRejected = defineCall('outbox:rejected', z.object({}), z.array(RejectedAction));
export const dismissRejected = defineCall(
  'outbox:dismiss',
  z.object({ actionId: z.string().min(1).max(64) }),
  z.object({}),
);

export const actionCalls = {
  [act.name]: act,
  [assignMany.name]: assignMany,
  [listRejected.name]: listRejected,
  [dismissRejected.name]: dismissRejected,
} as const;

/** The server refused an action (payload: that action); the list of rejected ones changed. */
export const actionRejected = defineEvent('outbox:rejected', RejectedAction);
