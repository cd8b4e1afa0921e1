import { randomUUID } from 'node:crypto';
import type { Conversation, Message, Note, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import { applyToConversation, checkAction, usersNamedBy } from '../../../shared/sync/actions';
import { getUser } from '../../db/accounts';
import { userActive } from '../../db/admin';
import type { NewChange } from '../../db/changes';
import { updateConversation } from '../../db/conversations';
import { insertMessage } from '../../db/messages';
import { insertNote } from '../../db/notes';
import { enqueueSend } from '../../db/outbound';
import type { Sql } from '../../db/sql';
import type { ConversationOnlyAction } from './customer-actions';

/** What one action wrote: the change rows to append, and the reply or note it stored. */
export interface Applied {
  changes: NewChange[];
  message?: Message;
  note?: Note;
  /** The reply or note of this action id is stored already: the action was applied before. */
  repeat?: boolean;
}

export interface ActionContext {
  user: User;
  /** The conversation as the decision is made on it (see Plan). */
  conversation: Conversation;
  action: ConversationOnlyAction;
  actionId: string;
  now: number;
  /**
   * Whether a provider sends replies on a channel: such a reply is stored `pending` with its send
   * queued (services/outbound.ts); on a channel without one it is marked `sent` as stored (a demo).
   */
  sendsOn?: ((channel: Conversation['channel']) => boolean) | undefined;
  /** Users already read in this transaction (a bulk action names the same assignee in every part). */
  users?: Map<string, User | null>;
  /** Whether each of them may sign in (migration 016), read with them. */
  active?: Map<string, boolean>;
}

/**
 * What an action will write, decided from the conversation as it was read. It holds only while
 * the row still has those values: the locking path holds the row's lock, the optimistic path
 * writes only if the row is unchanged (db/action-write.ts).
 */
export interface Plan {
  /** The conversation's new values; null when the action leaves it as it is (the tag was there). */
  next: Conversation | null;
  message: Message | null;
  note: Note | null;
}

/**
 * Checks the action against the conversation (the rule the engine ran before queuing it, now on
 * the server's row) and decides what it writes; writes nothing.
 */
export async function planConversationAction(sql: Sql, ctx: ActionContext): Promise<Plan> {
  const { user, conversation, action, actionId, now, sendsOn } = ctx;
  const named = ctx.users ?? new Map<string, User | null>();
  for (const id of usersNamedBy(action)) if (!named.has(id)) named.set(id, await getUser(sql, id));
  checkAction(action, { actor: user, conversation, now, user: (id) => named.get(id) ?? null });
  if (action.type === 'assign' && action.assigneeId !== null && action.assigneeId !== conversation.assigneeId) {
    // Engines do not know who was deactivated (it is not synced), so the server refuses it.
    const active = ctx.active ?? new Map<string, boolean>();
    if (!active.has(action.assigneeId)) active.set(action.assigneeId, await userActive(sql, action.assigneeId));
    if (!active.get(action.assigneeId)) {
      const name = named.get(action.assigneeId)?.name ?? 'That person';
      throw new CaredeskError('conflict', `${name} has been deactivated; give the conversation to someone else.`);
    }
  }
  const message: Message | null =
    action.type === 'reply'
      ? {
          id: randomUUID(),
          conversationId: conversation.id,
          channel: conversation.channel,
          direction: 'outbound',
          authorId: user.id,
          body: action.body,
          createdAt: now,
          status: sendsOn?.(conversation.channel) ? 'pending' : 'sent',
          clientId: actionId,
          ...(action.suggestion ? { suggestion: action.suggestion } : {}),
        }
      : null;
  const note: Note | null =
    action.type === 'note'
      ? {
          id: randomUUID(),
          conversationId: conversation.id,
          authorId: user.id,
          body: action.body,
          createdAt: now,
          clientId: actionId,
        }
      : null;
  const after = applyToConversation(conversation, action, now);
  return { next: JSON.stringify(after) === JSON.stringify(conversation) ? null : after, message, note };
}

/** The change rows a plan appends, in order: the reply or note, then the conversation. */
export function planChanges(plan: Plan, teamId: string): NewChange[] {
  const changes: NewChange[] = [];
  if (plan.message) changes.push({ teamId, change: { kind: 'message', data: plan.message } });
  if (plan.note) changes.push({ teamId, change: { kind: 'note', data: plan.note } });
  if (plan.next) changes.push({ teamId, change: { kind: 'conversation', data: plan.next } });
  return changes;
}

/** Writes a plan in a transaction that holds the conversation's row lock (the locking path). */
export async function writePlan(tx: Sql, plan: Plan, conversation: Conversation): Promise<Applied> {
  const changes: NewChange[] = [];
  if (plan.message) {
    const inserted = await insertMessage(tx, plan.message, conversation.teamId);
    if (!inserted.inserted) {
      if (inserted.message.conversationId !== conversation.id) {
        throw new CaredeskError(
          'invalid_input',
          'That action id was already used for a reply in another conversation.',
        );
      }
      // Stored by protocol 1 (before action ids were recorded): that copy is the result.
      return { changes: [], message: inserted.message };
    }
    changes.push(inserted.change);
    if (plan.message.status === 'pending') await enqueueSend(tx, plan.message.id, plan.message.createdAt);
  }
  if (plan.note) {
    const change = await insertNote(tx, plan.note, conversation.teamId);
    if (!change) return { changes: [], repeat: true };
    changes.push(change);
  }
  if (plan.next) changes.push(...(await updateConversation(tx, plan.next)));
  return { changes, ...(plan.message ? { message: plan.message } : {}), ...(plan.note ? { note: plan.note } : {}) };
}
