import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Channel } from '../../shared/domain/channels';
import type { Conversation, Customer, Message } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { normalizeIdentity } from '../../shared/domain/identity';
import { listTeams } from '../db/accounts';
import { mergeAppended, NO_CHANGES } from '../db/changes';
import type { AppendedChanges } from '../db/changes';
import { findOpenConversation, insertConversation, updateConversation } from '../db/conversations';
import { previewOf } from '../preview';
import { findIdentity, insertCustomer } from '../db/customers';
import { findMessageByProviderId, insertMessage } from '../db/messages';
import type { Sql } from '../db/sql';

/** Body of POST /api/inbound: a stand-in for channel webhooks in demos and tests. */
export const InboundRequest = z.object({
  channel: Channel,
  from: z.string().trim().min(1).max(320),
  body: z.string().trim().min(1).max(10_000),
  name: z.string().trim().min(1).max(200).optional(),
  /** Provider's message id, for de-duplication of redelivered webhooks. */
  providerMessageId: z.string().min(1).max(200).optional(),
});
export type InboundRequest = z.infer<typeof InboundRequest>;

interface InboundResult {
  message: Message;
  conversationId: string;
  changes: AppendedChanges;
}

/**
 * Resolves the sender to a customer (creating one when unknown), appends to that customer's
 * latest open conversation on the channel or opens one in the default team.
 */
export async function receiveInbound(
  sql: Sql,
  request: InboundRequest,
  now: number,
  defaultTeamId?: string,
): Promise<InboundResult> {
  const value = normalizeIdentity(request.channel, request.from);
  if (value === null)
    throw new CaredeskError('invalid_input', `"${request.from}" is not a valid sender on ${request.channel}.`);

  return sql.transaction(async (tx) => {
    if (request.providerMessageId !== undefined) {
      const earlier = await findMessageByProviderId(tx, request.providerMessageId);
      if (earlier) return { message: earlier, conversationId: earlier.conversationId, changes: NO_CHANGES };
    }
    const identity = await findIdentity(tx, request.channel, value);
    let customerId = identity?.customerId;
    if (!customerId) {
      customerId = randomUUID();
      const customer: Customer = {
        id: customerId,
        name: request.name ?? request.from,
        email: request.channel === 'email' ? value : null,
        createdAt: now,
        identities: [{ id: randomUUID(), customerId, channel: request.channel, value, display: request.from }],
      };
      await insertCustomer(tx, customer);
    }

    const preview = previewOf(request.body);
    const open = await findOpenConversation(tx, customerId, request.channel);
    let conversation: Conversation;
    let changes: AppendedChanges;
    if (open) {
      conversation = {
        ...open,
        channel: request.channel,
        status: 'open',
        lastMessageAt: Math.max(open.lastMessageAt, now),
        lastMessagePreview: preview,
        waitingSince: open.waitingSince ?? now,
      };
      changes = await updateConversation(tx, conversation, now);
    } else {
      const teamId = defaultTeamId ?? (await listTeams(tx))[0]?.id;
      if (!teamId) throw new CaredeskError('not_found', 'No team exists to receive the conversation.');
      conversation = {
        id: randomUUID(),
        teamId,
        customerId,
        channel: request.channel,
        subject: null,
        status: 'open',
        assigneeId: null,
        createdAt: now,
        lastMessageAt: now,
        lastMessagePreview: preview,
        waitingSince: now,
      };
      changes = await insertConversation(tx, conversation, now);
    }

    const message: Message = {
      id: randomUUID(),
      conversationId: conversation.id,
      channel: request.channel,
      direction: 'inbound',
      authorId: null,
      body: request.body,
      createdAt: now,
      status: 'received',
      clientId: null,
    };
    const inserted = await insertMessage(tx, message, conversation.teamId, now, request.providerMessageId ?? null);
    // Only a concurrent redelivery of the same provider message gets here; roll back this copy.
    if (!inserted.inserted) throw new CaredeskError('invalid_input', 'That provider message is already being stored.');
    return { message, conversationId: conversation.id, changes: mergeAppended(changes, inserted.changes) };
  });
}
