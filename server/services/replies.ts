import { randomUUID } from 'node:crypto';
import type { Message, User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import type { SendReplyRequest } from '../../shared/sync/protocol';
import { appendChanges, NO_CHANGES } from '../db/changes';
import type { AppendedChanges } from '../db/changes';
import { getConversation, updateConversation } from '../db/conversations';
import { previewOf } from '../preview';
import { findMessageByClientId, insertMessage } from '../db/messages';
import type { Sql } from '../db/sql';

interface ReplyResult {
  message: Message;
  changes: AppendedChanges;
  /** True when this clientId was already stored: nothing new was written. */
  repeated: boolean;
}

/**
 * Stores a rep's reply exactly once per clientId: the message, the conversation update and
 * their change rows commit together, or a repeat returns the stored message and writes nothing.
 * Lock order (as in every writer): the conversation row, then the change log.
 */
export async function sendReply(sql: Sql, user: User, request: SendReplyRequest, now: number): Promise<ReplyResult> {
  return sql.transaction(async (tx) => {
    const conversation = await getConversation(tx, request.conversationId, { forUpdate: true });
    if (!conversation || !user.teamIds.includes(conversation.teamId)) {
      throw new CaredeskError('not_found', 'That conversation does not exist or is not in your teams.');
    }
    const earlier = await findMessageByClientId(tx, request.clientId);
    if (earlier) return { message: sameConversation(earlier, conversation.id), changes: NO_CHANGES, repeated: true };

    const message: Message = {
      id: randomUUID(),
      conversationId: conversation.id,
      channel: conversation.channel,
      direction: 'outbound',
      authorId: user.id,
      body: request.body,
      createdAt: now,
      status: 'sent',
      clientId: request.clientId,
    };
    const inserted = await insertMessage(tx, message, conversation.teamId);
    // A concurrent send with the same key won the race: answer with its message.
    if (!inserted.inserted)
      return { message: sameConversation(inserted.message, conversation.id), changes: NO_CHANGES, repeated: true };

    // A reply older than the newest message (clocks of several processes) leaves the summary alone.
    const newest = now >= conversation.lastMessageAt;
    const updated = await updateConversation(
      tx,
      newest
        ? { ...conversation, lastMessageAt: now, lastMessagePreview: previewOf(message.body), waitingSince: null }
        : conversation,
    );
    const changes = await appendChanges(tx, [inserted.change, ...updated], now);
    return { message, changes, repeated: false };
  });
}
function sameConversation(message: Message, conversationId: string): Message {
  if (message.conversationId !== conversationId) {
    throw new CaredeskError('invalid_input', 'That clientId was already used for a reply in another conversation.');
  }
  return message;
}
