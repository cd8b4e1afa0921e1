import { z } from 'zod';
import type { Conversation, Order } from '../../domain/entities';
import { Message, Note } from '../../domain/entities';
import { ErrorBody } from '../../domain/errors';
import { ackOf } from '../ack';
import { storableText } from '../text';
import { assign, AssignAction } from './assign';
import { assignMany, AssignManyAction } from './assign-many';
import type {
  CheckContext,
  ConversationActionDefinition,
  LibraryActionDefinition,
  LibraryContext,
  ManyActionDefinition,
  Names,
  Target,
} from './define';
import { link, LinkAction } from './link';
import { splitIdentity, SplitIdentityAction } from './split-identity';
import { undoMerge, UndoMergeAction } from './undo-merge';
import { note, NoteAction } from './note';
import { rejectLink, RejectLinkAction } from './reject-link';
import { reply, ReplyAction } from './reply';
import { retry, RetryAction } from './retry';
import { deleteResolution, DeleteResolutionAction, saveResolution, SaveResolutionAction } from './resolutions';
import { setPriority, SetPriorityAction } from './set-priority';
import { snooze, SnoozeAction } from './snooze';
import { status, StatusAction } from './status';
import { tag, TagAction } from './tag';
import { cancelOrder, CancelOrderAction } from './cancel-order';
import { changeOrderAddress, ChangeOrderAddressAction } from './change-order-address';
import { reshipOrder, ReshipOrderAction } from './reship-order';
import { refundOrder, RefundOrderAction } from './refund-order';
import { approveRefund, ApproveRefundAction, declineRefund, DeclineRefundAction } from './refund-approval';
import type { OrderActionContext, OrderActionDefinition, OrderOutcome } from './order-define';

export type { ActionScope, CheckContext, LibraryContext, Names, Target } from './define';
export { MAX_PERSONAL_RESOLUTIONS, MAX_TEAM_RESOLUTIONS, mayWriteTeamLibrary, resolutionColumns } from './resolutions';
export { MAX_BULK } from './assign-many';
export { Body as ActionBody } from './define';
export { checkAssignment } from './assign';
export { checkPrioritize } from './set-priority';
export { MAX_TAGS } from './tag';
export { MERGE_INTO_ITSELF } from './link';
export type { OrderActionContext, OrderOutcome } from './order-define';
export { AddressInput } from './change-order-address';
export { RESHIP_DELIVERY_DAYS } from './reship-order';

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
  RejectLinkAction,
  UndoMergeAction,
  SplitIdentityAction,
  AssignManyAction,
  SaveResolutionAction,
  DeleteResolutionAction,
  RetryAction,
  CancelOrderAction,
  ChangeOrderAddressAction,
  ReshipOrderAction,
  RefundOrderAction,
  ApproveRefundAction,
  DeclineRefundAction,
  SetPriorityAction,
]);
export type Action = z.infer<typeof Action>;
export type ActionType = Action['type'];
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;

/** An action on exactly one conversation. */
export type OneConversationAction = Extract<Action, { conversationId: string }>;
/** An action on several conversations. */
export type ManyConversationsAction = Extract<Action, { items: Target[] }>;
/** An action on no conversation (library items, settings). */
export type LibraryAction = Exclude<Action, OneConversationAction | ManyConversationsAction>;

type DefinitionOf<A extends Action> = A extends OneConversationAction
  ? ConversationActionDefinition<A>
  : A extends ManyConversationsAction
    ? ManyActionDefinition<A, OneConversationAction>
    : LibraryActionDefinition<A>;
type Definitions = { readonly [T in ActionType]: DefinitionOf<ActionOf<T>> };

/** Every action type's definition; the compiler fails when a type has none. */
export const actionDefinitions: Definitions = {
  reply,
  assign,
  status,
  snooze,
  tag,
  note,
  link,
  rejectLink,
  undoMerge,
  splitIdentity,
  assignMany,
  saveResolution,
  deleteResolution,
  retry,
  cancelOrder,
  changeOrderAddress,
  reshipOrder,
  refundOrder,
  approveRefund,
  declineRefund,
  setPriority,
};

export const ACTION_TYPES = Object.keys(actionDefinitions) as [ActionType, ...ActionType[]];

// Each definition handles its own type; TypeScript cannot follow the union through the lookup.
const oneOf = (action: OneConversationAction) =>
  actionDefinitions[action.type] as unknown as ConversationActionDefinition<OneConversationAction>;
const manyOf = (action: ManyConversationsAction) => actionDefinitions[action.type];
const libraryOf = (action: LibraryAction) =>
  actionDefinitions[action.type] as unknown as LibraryActionDefinition<LibraryAction>;

export function isOnOneConversation(action: Action): action is OneConversationAction {
  return 'conversationId' in action;
}

export function isOnManyConversations(action: Action): action is ManyConversationsAction {
  return 'items' in action;
}

export function isOnNoConversation(action: Action): action is LibraryAction {
  return !isOnOneConversation(action) && !isOnManyConversations(action);
}

/** The conversations an action touches, in the order it names them (none for a library action). */
export function targetsOf(action: Action): string[] {
  if (isOnOneConversation(action)) return [action.conversationId];
  return isOnManyConversations(action) ? action.items.map((item) => item.conversationId) : [];
}

/** What `action` is on one of its conversations: itself, or its part for that conversation; null when it is not one of them. */
export function actionOn(action: Action, conversationId: string): OneConversationAction | null {
  if (isOnOneConversation(action)) return action.conversationId === conversationId ? action : null;
  if (!isOnManyConversations(action)) return null;
  const target = action.items.find((item) => item.conversationId === conversationId);
  return target ? manyOf(action).each(action, target) : null;
}

/** Each conversation's part of an action, in order. */
export function partsOf(action: Action): OneConversationAction[] {
  if (isOnOneConversation(action)) return [action];
  if (!isOnManyConversations(action)) return [];
  return action.items.map((target) => manyOf(action).each(action, target));
}

/**
 * What an action does to a conversation it names: the one rule the server (on the stored
 * row), the engine (on the server's copy, under the rep's pending actions) and the renderer (on
 * what is on screen) all run. `at` is when the action was made. A conversation the action does
 * not name is returned as it is.
 */
export function applyToConversation<C extends Conversation>(conversation: C, action: Action, at: number): C {
  const part = actionOn(action, conversation.id);
  return part ? oneOf(part).apply(conversation, part, at) : conversation;
}

/** The checks both sides run before an action on one conversation is stored; throws a CaredeskError. */
export function checkAction(action: OneConversationAction, ctx: CheckContext): void {
  oneOf(action).check(action, ctx);
}

/** The users the checks of an action on one conversation consult. */
export function usersNamedBy(action: OneConversationAction): string[] {
  return oneOf(action).users(action);
}

/** What an action on no conversation does to the items it may touch: the server's rows, the engine's copy. */
export function applyToLibrary(items: LibraryContext['items'], action: LibraryAction, ctx: LibraryContext) {
  return libraryOf(action).apply(items, action, ctx);
}

/** The checks both sides run before an action on no conversation is stored; throws a CaredeskError. */
export function checkLibraryAction(action: LibraryAction, ctx: LibraryContext): void {
  libraryOf(action).check(action, ctx);
}

/** The ids of the items an action on no conversation touches. */
export function libraryIdsOf(action: LibraryAction): string[] {
  return libraryOf(action).ids(action);
}

/** An action on an order of the conversation's customer (protocol 11). */
export type OrderAction = Extract<OneConversationAction, { orderId: string }>;

export function isOrderAction(action: Action): action is OrderAction {
  return isOnOneConversation(action) && 'orderAction' in actionDefinitions[action.type];
}

/**
 * What an order action does to its order, and the internal note that says so: the server runs it
 * on its locked row; the engine on its cached copy for the note it shows at once. Throws a
 * CaredeskError when the action does not fit the order.
 */
export function applyToOrder(order: Order, action: OrderAction, ctx: OrderActionContext): OrderOutcome {
  const definition = actionDefinitions[action.type] as unknown as OrderActionDefinition<OrderAction>;
  return definition.applyToOrder(order, action, ctx);
}

/** The action in a rep's words. */
export function describeAction(action: Action, names: Names): string {
  if (isOnOneConversation(action)) return oneOf(action).describe(action, names);
  if (isOnManyConversations(action)) return manyOf(action).describe(action, names);
  return libraryOf(action).describe(action, names);
}

/** The input a rep gives for an action (the engine adds what its view showed). */
export const RepActionInput = z.discriminatedUnion('type', [
  AssignAction.omit({ seenAssigneeId: true }),
  StatusAction.omit({ seenAssigneeId: true }),
  SnoozeAction.omit({ seenAssigneeId: true }),
  TagAction.omit({ seenAssigneeId: true }),
  NoteAction.omit({ seenAssigneeId: true }),
  LinkAction.omit({ seenAssigneeId: true }),
  RejectLinkAction.omit({ seenAssigneeId: true }),
  RetryAction.omit({ seenAssigneeId: true }),
  UndoMergeAction.omit({ seenAssigneeId: true }),
  SplitIdentityAction.omit({ seenAssigneeId: true }),
  CancelOrderAction.omit({ seenAssigneeId: true }),
  ChangeOrderAddressAction.omit({ seenAssigneeId: true }),
  ReshipOrderAction.omit({ seenAssigneeId: true }),
  RefundOrderAction.omit({ seenAssigneeId: true }),
  ApproveRefundAction.omit({ seenAssigneeId: true }),
  DeclineRefundAction.omit({ seenAssigneeId: true }),
  SetPriorityAction.omit({ seenAssigneeId: true }),
]);
export type RepActionInput = z.infer<typeof RepActionInput>;

export const ActionRequest = z.object({
  /** Idempotency key: the same id sent twice is applied once. */
  id: storableText(z.string().min(8).max(64)),
  action: Action,
});
export type ActionRequest = z.infer<typeof ActionRequest>;

/** How an action on several conversations went on one of them. */
export const ConversationOutcome = z.discriminatedUnion('ok', [
  z.object({ conversationId: z.string(), ok: z.literal(true) }),
  z.object({ conversationId: z.string(), ok: z.literal(false), error: ErrorBody }),
]);
export type ConversationOutcome = z.infer<typeof ConversationOutcome>;

export const ActionResult = z.object({
  /** The highest change-log seq the action wrote (0 when it changed nothing). */
  seq: z.number().int().nonnegative(),
  /** The stored reply (`reply`) or note (`note`). */
  message: Message.nullable(),
  note: Note.nullable(),
  /** An action on several conversations: how it went on each (optional: protocol 2 engines never send one). */
  results: z.array(ConversationOutcome).optional(),
});
export type ActionResult = z.infer<typeof ActionResult>;

export const ActionAck = ackOf(ActionResult);
export type ActionAck = z.infer<typeof ActionAck>;
