import { z } from 'zod';
import type { Conversation } from '../../domain/entities';
import { Message, Note } from '../../domain/entities';
import { ackOf } from '../ack';
import { storableText } from '../text';
import { assign, AssignAction } from './assign';
import type { CheckContext, ConversationActionDefinition, Names } from './define';
import { link, LinkAction } from './link';
import { note, NoteAction } from './note';
import { reply, ReplyAction } from './reply';
import { snooze, SnoozeAction } from './snooze';
import { status, StatusAction } from './status';
import { tag, TagAction } from './tag';

export type { ActionScope, CheckContext, Names } from './define';
export { checkAssignment } from './assign';
export { MAX_TAGS } from './tag';

/**
 * Rep actions, as the outbox stores them and the server applies them: one module per type in
 * this folder holds its schema, its rule, its checks and its words (README: "Adding an action").
 * Every action has a client-chosen id; the server applies an id exactly once and answers a
 * repeat with the first result.
 */
export const Action = z.discriminatedUnion('type', [
  ReplyAction,
  AssignAction,
  StatusAction,
  SnoozeAction,
  TagAction,
  NoteAction,
  LinkAction,
]);
export type Action = z.infer<typeof Action>;
export type ActionType = Action['type'];
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;

type Definitions = { readonly [T in ActionType]: ConversationActionDefinition<ActionOf<T>> };

/** Every action type's definition; the compiler fails when a type has none. */
export const actionDefinitions: Definitions = { reply, assign, status, snooze, tag, note, link };

export const ACTION_TYPES = Object.keys(actionDefinitions) as ActionType[];

// Each definition handles its own type; TypeScript cannot follow the union through the lookup.
const definitionOf = (action: Action) =>
  actionDefinitions[action.type] as unknown as ConversationActionDefinition<Action>;

/**
 * What an action does to the conversation it names: the one rule the server (on the stored
 * row), the engine (on the server's copy, under the rep's pending actions) and the renderer (on
 * what is on screen) all run. `at` is when the action was made.
 */
export function applyToConversation<C extends Conversation>(conversation: C, action: Action, at: number): C {
  return definitionOf(action).apply(conversation, action, at);
}

/** The checks both sides run before an action is stored; throws a CaredeskError. */
export function checkAction(action: Action, ctx: CheckContext): void {
  definitionOf(action).check(action, ctx);
}

/** The users an action's checks consult. */
export function usersNamedBy(action: Action): string[] {
  return definitionOf(action).users(action);
}

/** The action in a rep's words. */
export function describeAction(action: Action, names: Names): string {
  return definitionOf(action).describe(action, names);
}

/** The input a rep gives for an action (the engine adds what its view showed). */
export const RepActionInput = z.discriminatedUnion('type', [
  AssignAction.omit({ seenAssigneeId: true }),
  StatusAction.omit({ seenAssigneeId: true }),
  SnoozeAction.omit({ seenAssigneeId: true }),
  TagAction.omit({ seenAssigneeId: true }),
  NoteAction.omit({ seenAssigneeId: true }),
  LinkAction.omit({ seenAssigneeId: true }),
]);
export type RepActionInput = z.infer<typeof RepActionInput>;

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
