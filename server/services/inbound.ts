import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Channel, CHANNEL_LABELS } from '../../shared/domain/channels';
import { CSAT_ANSWER_WINDOW_MS, csatScoreOf } from '../../shared/domain/csat';
import { LINKED_BY } from '../../shared/domain/entities';
import type { Conversation, Message } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { DEFAULT_REGION, senderIdentity } from '../../shared/domain/identity';
import { DEFAULT_AUTO_LINK_CONFIDENCE } from '../../shared/domain/link-suggestions';
import type { IdentityKey } from '../../shared/domain/identity';
import { providerActor } from '../../shared/sync/audit';
import { storableText } from '../../shared/sync/text';
import { listTeams } from '../db/accounts';
import { appendChanges, NO_CHANGES } from '../db/changes';
import type { AppendedChanges, NewChange } from '../db/changes';
import { getConversation, updateConversation, writeNewConversation } from '../db/conversations';
import { previewOf } from '../../shared/domain/preview';
import {
  customerUpdates,
  findIdentityLockingCustomer,
  insertCustomerForIdentity,
  insertIdentityFor,
  lockCustomer,
  updateIdentityDisplay,
} from '../db/customers';
import { setConversationChannelAccount } from '../db/channel-accounts';
import { answerSurvey } from '../db/csat';
import type { InboundDetails } from '../db/inbound-details';
import { readUnderSenderLock } from '../db/inbound-reads';
import { findEvidence } from '../db/link-evidence';
import { findMessageByProviderId, insertMessage } from '../db/messages';
import type { Sql } from '../db/sql';
import { automaticEvidence, automaticLink, candidates, evidenceKeys, mergeSuggestions } from './link-suggestions';
import type { InboundMatching } from './link-suggestions';

/**
 * Body of POST /api/inbound: a stand-in for channel webhooks in demos and tests. `from` is how the
 * provider keys the sender: a phone number (SMS; WhatsApp, with or without "+"), an email, or the
 * provider's id for the person (X user id, Messenger page-scoped id, Instagram-scoped id, web-chat
 * visitor id), whose current handle is `handle`.
 */
const text = (max: number) => storableText(z.string().max(max));

/** A picture or file kept by reference (where the provider serves it, or its id there), never its bytes. */
const MediaReference = z.object({
  url: text(2_000).nullable(),
  providerMediaId: text(200).nullable(),
  contentType: storableText(z.string().min(1).max(200)),
  size: z.number().int().nonnegative().nullable(),
  filename: text(500).nullable(),
});

export const InboundRequest = z
  .object({
    channel: Channel,
    from: storableText(z.string().trim().min(1).max(320)),
    /** The sender's handle on a provider-scoped channel ("@maria_r"): shown, never matched on. */
    handle: storableText(z.string().trim().min(1).max(200)).optional(),
    /** May be empty when media came instead. */
    body: storableText(z.string().trim().max(10_000)),
    name: storableText(z.string().trim().min(1).max(200)).optional(),
    /** Provider's message id, for de-duplication of redelivered webhooks. */
    providerMessageId: storableText(z.string().min(1).max(1_000)).optional(),
    /** The brand's account the message reached (a Twilio number, a page id, an address). */
    account: storableText(z.string().trim().min(1).max(320)).optional(),
    kind: z.enum(['direct', 'mention']).optional(),
    /** When the provider says the person sent it. */
    sentAt: z.number().int().positive().optional(),
    /** An email's subject: the subject of the conversation it opens. */
    subject: text(1_000).optional(),
    /** Email Message-ID / In-Reply-To / References, X conversation or replied-to post. */
    thread: z.record(z.string(), z.union([text(1_000), z.array(text(1_000)).max(100)])).optional(),
    media: z.array(MediaReference).max(20).optional(),
    /**
     * What the sender told besides the message (a chat window's email field): read for the records
     * it names, like the body, and never shown as the message.
     */
    evidence: text(1_000).optional(),
  })
  .refine((request) => request.body.length > 0 || (request.media?.length ?? 0) > 0, {
    message: 'A message needs a body or media.',
    path: ['body'],
  });
export type InboundRequest = z.infer<typeof InboundRequest>;

interface InboundResult {
  message: Message;
  conversationId: string;
  /** The customer the sender is (after any link this message made). */
  customerId: string;
  changes: AppendedChanges;
  /** True when this provider message was already stored: nothing new was written. */
  repeated: boolean;
}

/** Thrown inside the transaction (rolling it back) when a concurrent redelivery stored the message first. */
class StoredConcurrently extends Error {}

/**
 * Thrown inside the transaction (rolling it back, so no stale customer lock is kept) when the
 * sender's identity moved to another customer between reading it and locking its customer.
 */
class SenderMoved extends Error {}

/** A link moves an identity once; only a sender linked again and again runs out of attempts. */
const SENDER_ATTEMPTS = 5;

/**
 * Resolves the sender to a customer (creating one when unknown), appends to that customer's
 * latest open conversation on the channel in `teamIds` (any team when undefined), or opens one
 * in `defaultTeamId`, else in the team of the channel account `request.account` names (migration
 * 008; when it is one of `teamIds`), else in the first team (by creation) of `teamIds`. The
 * conversation records the channel account. A provider message id already stored on the channel
 * answers the stored message and writes nothing.
 *
 * Records the message quotes (an order or tracking number, an email, a phone) suggest the customer
 * who holds them on the conversation; a sender seen for the first time is linked to that customer
 * at once when the evidence reaches `matching.autoLinkConfidence`.
 *
 * Lock order, as in every writer: the customer (advisory, serialising inbound per customer; only
 * ever one, so never against the sorted order a link takes two in), the conversation row, then the
 * change log (appended last). The sender's identity is read again once its customer is locked.
 */
export async function receiveInbound(
  sql: Sql,
  request: InboundRequest,
  now: number,
  defaultTeamId?: string,
  teamIds?: readonly string[],
  matching: Partial<InboundMatching> = {},
): Promise<InboundResult> {
  const policy: InboundMatching = {
    region: matching.region ?? DEFAULT_REGION,
    autoLinkConfidence: matching.autoLinkConfidence ?? DEFAULT_AUTO_LINK_CONFIDENCE,
  };
  // Read before anything is stored: a sender that cannot be keyed stores nothing.
  const sender = senderIdentity(request.channel, request.from, policy.region);
  if ('problem' in sender)
    throw new CaredeskError('invalid_input', `Not a sender on ${CHANNEL_LABELS[request.channel]}: ${sender.problem}`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await sql.transaction((tx) =>
        receiveInTransaction(tx, request, sender.key, now, defaultTeamId, teamIds, policy),
      );
    } catch (error) {
      if (error instanceof SenderMoved) {
        if (attempt < SENDER_ATTEMPTS) continue;
        throw new CaredeskError(
          'conflict',
          `The customer record of ${request.from} kept changing while the message was stored; send it again.`,
        );
      }
      if (!(error instanceof StoredConcurrently) || request.providerMessageId === undefined) throw error;
      // The other delivery committed before our insert gave up: answer with its message.
      const stored = await findMessageByProviderId(sql, request.channel, request.providerMessageId);
      if (!stored)
        throw new Error(`provider message ${request.providerMessageId} conflicted but cannot be found`, {
          cause: error,
        });
      return repeat(sql, stored, teamIds);
    }
  }
}

async function receiveInTransaction(
  tx: Sql,
  request: InboundRequest,
  key: IdentityKey,
  now: number,
  defaultTeamId: string | undefined,
  teamIds: readonly string[] | undefined,
  policy: InboundMatching,
): Promise<InboundResult> {
  // A phone or email is shown as written; a provider id by the person's handle when it came along.
  const handle = key.kind === 'phone' || key.kind === 'email' ? undefined : request.handle;
  const display = handle ?? request.from;
  const messageId = randomUUID();
  // What the text quotes, looked up in every customer's records (the organisation's, not the caller's teams).
  const quoted = [request.body, request.evidence ?? ''].filter((text) => text !== '').join('\n');
  const keys = quoted ? evidenceKeys(quoted, policy.region, now) : null;
  const found = keys ? candidates(await findEvidence(tx, keys), messageId) : [];
  // Matched on the exact key alone: a handle names no one (people change and reuse them).
  // Its customer, when known, is locked by the same statement (lock order: the customer first).
  const identity = await findIdentityLockingCustomer(tx, key);
  let customerId = identity?.customerId;
  let linkedAutomatically = false;
  const automatic = customerId ? null : automaticLink(found, policy.autoLinkConfidence);
  if (automatic) {
    customerId = await insertIdentityFor(tx, {
      id: randomUUID(),
      customerId: automatic.customerId,
      kind: key.kind,
      channel: request.channel,
      value: key.value,
      display,
      linkedBy: LINKED_BY.system,
      linkedAt: now,
      evidence: automaticEvidence(automatic, policy.autoLinkConfidence),
    });
    linkedAutomatically = true;
  }
  if (!customerId) {
    const id = randomUUID();
    customerId = await insertCustomerForIdentity(
      tx,
      { id, name: request.name ?? display, email: null, createdAt: now, identities: [] },
      {
        id: randomUUID(),
        customerId: id,
        kind: key.kind,
        channel: request.channel,
        value: key.value,
        display,
        linkedBy: LINKED_BY.inbound,
        linkedAt: now,
        evidence: firstMessageEvidence(request),
      },
    );
  }
  if (!identity) await lockCustomer(tx, customerId);
  // The identity names the customer to lock, so it was read before the lock: a link that held the
  // customer's lock may have moved it since (and deleted this customer). Read it again under the lock,
  // with an earlier delivery of this provider message, the brand's account the message reached and
  // the conversation it goes to (lock order, as in every writer: the conversation row after the customer).
  const {
    identity: locked,
    earlier,
    channelAccount,
    latest,
  } = await readUnderSenderLock(tx, {
    key,
    customerId,
    channel: request.channel,
    providerMessageId: request.providerMessageId ?? null,
    account: request.account ? request.account : null,
    teamIds,
  });
  if (locked?.customerId !== customerId) throw new SenderMoved();
  if (earlier) return repeat(tx, earlier, teamIds);

  // The person renamed themselves: their identity shows the new handle; engines get the customer again.
  let customerChanges: NewChange[] = [];
  if (handle !== undefined && handle !== locked.display) {
    await updateIdentityDisplay(tx, locked.id, handle);
    customerChanges = await customerUpdates(tx, customerId);
  } else if (linkedAutomatically) {
    // Engines that hold the customer learn the new identity.
    customerChanges = await customerUpdates(tx, customerId);
  }

  const preview = previewOf(request.body || mediaSummary(request.media ?? []));
  // The brand's account the message reached names the team that answers it (when that team is the caller's to use).
  const accountTeamId =
    channelAccount && (teamIds === undefined || teamIds.includes(channelAccount.teamId)) ? channelAccount.teamId : null;
  // The conversation row is locked; the change log's lock is taken last, when the changes are appended.
  let conversation: Conversation;
  let changes: NewChange[];
  // A score answering the survey sent when the conversation was resolved leaves it resolved.
  const score = latest?.status === 'closed' && request.body ? csatScoreOf(request.body) : null;
  const answered =
    latest && score !== null ? await answerSurvey(tx, latest.id, now - CSAT_ANSWER_WINDOW_MS, score, now) : false;
  if (latest) {
    // A new message reopens a resolved or snoozed conversation (not a survey's answer). One older
    // than the newest message (clocks of several processes) leaves the summary alone.
    const reopened: Conversation = {
      ...latest,
      status: answered ? latest.status : 'open',
      snoozedUntil: answered ? latest.snoozedUntil : null,
      linkSuggestions: mergeSuggestions(latest.linkSuggestions, found, customerId, now),
    };
    conversation =
      now >= latest.lastMessageAt
        ? {
            ...reopened,
            lastMessageAt: now,
            lastMessagePreview: preview,
            waitingSince: answered ? latest.waitingSince : (latest.waitingSince ?? now),
          }
        : reopened;
    changes = await updateConversation(tx, conversation);
  } else {
    const teamId =
      defaultTeamId ??
      accountTeamId ??
      (await listTeams(tx)).find((team) => teamIds === undefined || teamIds.includes(team.id))?.id;
    if (!teamId) throw new CaredeskError('not_found', 'No team exists to receive the conversation.');
    conversation = {
      id: randomUUID(),
      teamId,
      customerId,
      channel: request.channel,
      subject: request.subject ?? null,
      status: 'open',
      assigneeId: null,
      createdAt: now,
      lastMessageAt: now,
      lastMessagePreview: preview,
      waitingSince: now,
      tags: [],
      snoozedUntil: null,
      linkSuggestions: mergeSuggestions(undefined, found, customerId, now),
    };
    changes = await writeNewConversation(tx, conversation);
  }

  const message: Message = {
    id: messageId,
    conversationId: conversation.id,
    channel: request.channel,
    direction: 'inbound',
    authorId: null,
    body: request.body,
    createdAt: now,
    status: 'received',
    clientId: null,
    ...(request.media?.length ? { attachments: request.media } : {}),
  };
  // What the provider said beyond the text is written by the message's own statement.
  const details: InboundDetails | null =
    request.account !== undefined || request.media?.length
      ? {
          account: request.account ?? '',
          identityId: locked.id,
          kind: request.kind ?? 'direct',
          sentAt: request.sentAt ?? null,
          subject: request.subject ?? null,
          thread: request.thread ?? {},
          media: request.media ?? [],
        }
      : null;
  const inserted = await insertMessage(tx, message, conversation.teamId, request.providerMessageId ?? null, details);
  // Only a concurrent delivery of the same provider message (from another sender) gets here.
  if (!inserted.inserted) throw new StoredConcurrently();
  if (channelAccount) await setConversationChannelAccount(tx, conversation.id, channelAccount.id);
  return {
    message,
    conversationId: conversation.id,
    customerId,
    changes: await appendChanges(tx, [...customerChanges, ...changes, inserted.change], now, {
      actor: providerActor(request.channel),
      type: 'inbound',
    }),
    repeated: false,
  };
}

/** The conversation list's line for a message that is only media: "Attachment: image/jpeg", "3 attachments". */
function mediaSummary(media: NonNullable<InboundRequest['media']>): string {
  return media.length === 1 ? `Attachment: ${media[0]?.contentType ?? ''}` : `${media.length} attachments`;
}

/** What a new identity's link rests on: the first message that came from it. */
function firstMessageEvidence(request: InboundRequest): string {
  const message = request.providerMessageId === undefined ? '' : ` (provider message ${request.providerMessageId})`;
  return `First message on ${CHANNEL_LABELS[request.channel]} from "${request.from}"${message}.`;
}

/** The stored copy of a redelivered provider message, unless it landed outside the caller's teams. */
async function repeat(sql: Sql, stored: Message, teamIds: readonly string[] | undefined): Promise<InboundResult> {
  const conversation = await getConversation(sql, stored.conversationId);
  if (!conversation) throw new Error(`conversation ${stored.conversationId} of a stored message cannot be found`);
  if (teamIds !== undefined && !teamIds.includes(conversation.teamId))
    throw new CaredeskError(
      'forbidden',
      'That provider message is already stored in a conversation outside your teams.',
    );
  return {
    message: stored,
    conversationId: stored.conversationId,
    customerId: conversation.customerId,
    changes: NO_CHANGES,
    repeated: true,
  };
}
