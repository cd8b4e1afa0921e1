import type { Conversation } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import type { RetryAction } from '../../../shared/sync/actions/retry';
import { queueFailedReplyAgain, readReplyToSend } from '../../db/outbound';
import type { Sql } from '../../db/sql';
import type { Applied } from './conversation';

/**
 * Puts a failed reply of `conversation` back to `pending` with its send queued, in the action's
 * transaction (the conversation's row is locked). The provider's earlier id and error are
 * dropped: the next send is a new message to the provider.
 */
export async function applyRetry(
  tx: Sql,
  conversation: Conversation,
  action: RetryAction,
  now: number,
): Promise<Applied> {
  const reply = await readReplyToSend(tx, action.messageId, { forUpdate: true });
  if (!reply || reply.message.conversationId !== conversation.id)
    throw new CaredeskError('not_found', 'That reply is not in this conversation.');
  if (reply.message.status !== 'failed')
    throw new CaredeskError('invalid_input', 'Only a reply that failed can be sent again.');
  const change = await queueFailedReplyAgain(tx, reply.message, reply.teamId, now);
  return { changes: [change], message: { ...reply.message, status: 'pending' } };
}
