import { z } from 'zod';
import type { CannedResolution, Conversation, Order, User } from '../../domain/entities';
import { storableText } from '../text';

/** Ids inside actions: bounded, storable text. */
export const ActionRef = storableText(z.string().min(1).max(128));

/** The fields every action on one conversation carries. */
export const onConversation = {
  conversationId: ActionRef,
  /**
   * The assignee the rep's view showed when they acted. A rep's action that reaches the server
   * after the conversation went to someone else is refused (conflict) rather than overrule them.
   */
  seenAssigneeId: ActionRef.nullable(),
};

/** What the checks of an action may consult; the server reads it from the database, the engine from its cache. */
export interface CheckContext {
  actor: User;
  /** The conversation as the deciding side holds it (the engine: the rep's view). */
  conversation: Conversation;
  now: number;
  /** A user the action names (see `users`); null when unknown. */
  user: (id: string) => User | null;
  /**
   * An order as the deciding side holds it (the server: its locked row; the engine: its cache);
   * null when unknown. Order actions need it (order-define.ts); others never read it.
   */
  order?: (id: string) => Order | null;
}

/** Names for describing an action to a rep. */
export interface Names {
  userName: (id: string) => string | null;
}

/** Where an action applies: one conversation, several, or none (library items, settings). */
export type ActionScope = 'conversation' | 'conversations' | 'none';

interface Common<A> {
  /** The action in a rep's words ("Resolve", "Assign to Ana"), for lists and refusals. */
  describe(action: A, names: Names): string;
}

/**
 * An action on one conversation: its payload schema, the rule that applies it (the server to the
 * stored row, the engine to its copy under the rep's pending actions, the renderer to what is on
 * screen), the checks both sides run before it is stored, and how it is described.
 */
export interface ConversationActionDefinition<A extends { type: string; conversationId: string }> extends Common<A> {
  readonly scope: 'conversation';
  readonly schema: z.ZodType<A>;
  /** Users `check` consults (the server reads them first). */
  users(action: A): string[];
  apply<C extends Conversation>(conversation: C, action: A, at: number): C;
  /** Throws a CaredeskError when the action does not fit the conversation. */
  check(action: A, ctx: CheckContext): void;
}

/** One conversation of an action on several, with what the rep's view showed of it. */
export const Target = z.object(onConversation);
export type Target = z.infer<typeof Target>;

/**
 * An action on several conversations (a bulk assignment): the server applies it to each, in one
 * transaction, with a result per conversation; on each it amounts to one action on one
 * conversation (`each`), whose rule, checks and words it reuses.
 */
export interface ManyActionDefinition<A extends { type: string; items: Target[] }, One> extends Common<A> {
  readonly scope: 'conversations';
  readonly schema: z.ZodType<A>;
  /** What the action is on the conversation `target` names. */
  each(action: A, target: Target): One;
}

/** What the checks of an action on no conversation consult: the actor's items as the deciding side holds them. */
export interface LibraryContext {
  actor: User;
  /** The server: the stored rows the action may touch; the engine: its copy under the rep's pending actions. */
  items: readonly CannedResolution[];
  now: number;
}

/**
 * An action on no conversation (a rep's own canned resolutions; later settings): the rule that
 * applies it to the items it may touch (the server to the stored rows, the engine to its copy
 * under the rep's pending actions), the checks both sides run, and how it is described.
 */
export interface LibraryActionDefinition<A extends { type: string }> extends Common<A> {
  readonly scope: 'none';
  readonly schema: z.ZodType<A>;
  /** The ids of the items the action touches. */
  ids(action: A): string[];
  apply(items: readonly CannedResolution[], action: A, ctx: LibraryContext): CannedResolution[];
  /** Throws a CaredeskError when the action does not fit the items. */
  check(action: A, ctx: LibraryContext): void;
}

/** Ids of the users an action names, for `users`. */
export function named(...ids: (string | null | undefined)[]): string[] {
  return ids.filter((id): id is string => typeof id === 'string');
}

/** Text bodies of replies and notes. */
export const Body = storableText(z.string().trim().min(1).max(10_000));
