import { randomUUID } from 'node:crypto';
import type { Conversation, Message, Note, User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import type { Action } from '../../../shared/sync/actions';
import { applyToConversation } from '../../../shared/sync/apply';
import { getUser } from '../../db/accounts';
import type { NewChange } from '../../db/changes';
import { updateConversation } from '../../db/conversations';
import { insertMessage } from '../../db/messages';
import { insertNote } from '../../db/notes';
import type { Sql } from '../../db/sql';

/** What one action wrote: the change rows to append, and the reply or note it stored. */
export interface Applied {
  changes: NewChange[];
  message?: Message;
  note?: Note;
  /** The reply or note of this action id is stored already: the action was applied before. */
  repeat?: boolean;
}

interface ActionContext {
  user: User;
  /** Read with `forUpdate` in this transaction. */
  conversation: Conversation;
  action: Exclude<Action, { type: 'link' }>;
  actionId: string;
  now: number;
}

const MAX_TAGS = 20;

export async function applyConversationAction(tx: Sql, ctx: ActionContext): Promise<Applied> {
  const { conversation, action, now } = ctx;
  switch (action.type) {
    case 'reply':
      return reply(tx, ctx, action.body);
    case 'note':
      return note(tx, ctx, action.body);
    case 'assign':
      await requireTeamMember(tx, action.assigneeId, conversation.teamId);
      break;
    case 'snooze':
      if (action.until <= now) throw new CaredeskError('invalid_input', 'A snooze must end in the future.');
      break;
    case 'tag':
      if (action.on && !conversation.tags.includes(action.tag) && conversation.tags.length >= MAX_TAGS) {
        throw new CaredeskError('invalid_input', `A conversation can have at most ${MAX_TAGS} tags.`);
      }
      break;
    case 'status':
      break;
  }
  return update(tx, conversation, applyToConversation(conversation, action, now));
}

/** An action that changes nothing (the tag was already there) still counts as applied, with no change rows. */
async function update(tx: Sql, conversation: Conversation, next: Conversation): Promise<Applied> {
  if (JSON.stringify(next) === JSON.stringify(conversation)) return { changes: [] };
  return { changes: await updateConversation(tx, next) };
}

async function requireTeamMember(tx: Sql, userId: string | null, teamId: string): Promise<void> {
  if (userId === null) return;
  const assignee = await getUser(tx, userId);
  if (!assignee || !assignee.teamIds.includes(teamId)) {
    throw new CaredeskError('invalid_input', 'That person is not a member of this conversation’s team.');
  }
}

async function reply(tx: Sql, ctx: ActionContext, body: string): Promise<Applied> {
  const { user, conversation, actionId, now } = ctx;
  const message: Message = {
    id: randomUUID(),
    conversationId: conversation.id,
    channel: conversation.channel,
    direction: 'outbound',
    authorId: user.id,
    body,
    createdAt: now,
    status: 'sent',
    clientId: actionId,
  };
  const inserted = await insertMessage(tx, message, conversation.teamId);
  if (!inserted.inserted) {
    if (inserted.message.conversationId !== conversation.id) {
      throw new CaredeskError('invalid_input', 'That action id was already used for a reply in another conversation.');
    }
    // Stored by protocol 1 (before action ids were recorded): that copy is the result.
    return { changes: [], message: inserted.message };
  }
  const summary = await update(tx, conversation, applyToConversation(conversation, ctx.action, now));
  return { changes: [inserted.change, ...summary.changes], message };
}

async function note(tx: Sql, { user, conversation, actionId, now }: ActionContext, body: string): Promise<Applied> {
  const stored: Note = {
    id: randomUUID(),
    conversationId: conversation.id,
    authorId: user.id,
    body,
    createdAt: now,
    clientId: actionId,
  };
  const change = await insertNote(tx, stored, conversation.teamId);
  return change ? { changes: [change], note: stored } : { changes: [], repeat: true };
}
