import type { Message } from '../../shared/domain/entities';
import { kindsForChannel } from '../../shared/domain/identity';
import type { NewChange } from './changes';
import { MESSAGE_COLUMNS, toMessage } from './messages';
import type { MessageRow } from './messages';
import { num } from './sql';
import type { Sql } from './sql';

/**
 * The durable send jobs of replies (migration 011). A job is claimed by exactly one server process
 * (`for update skip locked`), sent outside any transaction, then released by the process that
 * still holds the claim: a claim another process took over (its lease ran out) writes nothing.
 */

/** A job one process holds: `claimedAt` is its claim, checked again when it is released. */
export interface SendClaim {
  messageId: string;
  attempts: number;
  claimedAt: number;
}

/** Queues the send of a stored reply, due at once (in the transaction that stores it). */
export async function enqueueSend(tx: Sql, messageId: string, now: number): Promise<void> {
  await tx.query(
    `insert into outbound_sends (message_id, state, next_attempt_at, created_at) values ($1, 'queued', $2, $2)
     on conflict (message_id) do nothing`,
    [messageId, now],
  );
}

/** The statement that queues a reply inside a larger statement: `$message` and `$now` are its parameters. */
export function enqueueSendCte(message: string, now: string, after: string): string {
  return `send as (
    insert into outbound_sends (message_id, state, next_attempt_at, created_at)
    select ${message}, 'queued', ${now}::bigint, ${now}::bigint from ${after})`;
}

/** Claims up to `limit` due jobs for this process: they are `sending` from `now` on. */
export async function claimDueSends(sql: Sql, now: number, limit: number): Promise<SendClaim[]> {
  const rows = await sql.query<{ message_id: string; attempts: number }>(
    `update outbound_sends set state = 'sending', claimed_at = $1, attempts = attempts + 1
     where message_id in (
       select message_id from outbound_sends where state = 'queued' and next_attempt_at <= $1
       order by next_attempt_at limit $2 for update skip locked)
     returning message_id, attempts`,
    [now, limit],
  );
  return rows.map((row) => ({ messageId: row.message_id, attempts: num(row.attempts), claimedAt: now }));
}

/**
 * Claims jobs whose sender stopped mid-send (claimed before `staleBefore`): the provider may or may
 * not have the reply, so they are never sent again on their own.
 */
export async function claimInterruptedSends(sql: Sql, now: number, staleBefore: number, limit: number) {
  const rows = await sql.query<{ message_id: string; attempts: number }>(
    `update outbound_sends set claimed_at = $1
     where message_id in (
       select message_id from outbound_sends where state = 'sending' and claimed_at < $2
       order by claimed_at limit $3 for update skip locked)
     returning message_id, attempts`,
    [now, staleBefore, limit],
  );
  return rows.map((row): SendClaim => ({ messageId: row.message_id, attempts: num(row.attempts), claimedAt: now }));
}

/** Puts a claimed job back for a later attempt; false when the claim is no longer ours. */
export async function rescheduleSend(
  sql: Sql,
  claim: SendClaim,
  at: number,
  error: { code: string; text: string },
): Promise<boolean> {
  const rows = await sql.query(
    `update outbound_sends set state = 'queued', claimed_at = null, next_attempt_at = $3,
       last_error_code = $4, last_error = $5
     where message_id = $1 and state = 'sending' and claimed_at = $2 returning message_id`,
    [claim.messageId, claim.claimedAt, at, error.code, error.text],
  );
  return rows.length === 1;
}

/** Ends a claimed job (the reply was sent or failed for good); false when the claim is no longer ours. */
export async function finishSend(tx: Sql, claim: SendClaim): Promise<boolean> {
  const rows = await tx.query(
    `delete from outbound_sends where message_id = $1 and state = 'sending' and claimed_at = $2 returning message_id`,
    [claim.messageId, claim.claimedAt],
  );
  return rows.length === 1;
}

/** What the send of a reply needs: the reply, and the way its conversation's latest message came. */
export interface ReplyToSend {
  message: Message;
  teamId: string;
  /** Set once a provider accepted it: the reply is never sent again. */
  providerMessageId: string | null;
  /** The conversation's channel account, else the account the latest inbound message reached. */
  account: string | null;
  /** The customer's identities that can be answered on the channel: the one they last wrote from, then newest link first. */
  recipients: string[];
  kind: 'direct' | 'mention';
  inReplyToProviderId: string | null;
  subject: string | null;
  thread: Record<string, unknown>;
  /** When the customer last wrote on the conversation's channel (WhatsApp's 24-hour window), if ever. */
  customerLastWroteAt: number | null;
}

interface ReplyRow extends MessageRow {
  provider_message_id: string | null;
  team_id: string;
  customer_id: string;
  channel_account: string | null;
  latest_provider_id: string | null;
  latest_at: string | number | null;
  sender: string | null;
  latest_account: string | null;
  kind: 'direct' | 'mention' | null;
  subject: string | null;
  thread: Record<string, unknown> | null;
}

/** The reply `messageId` with its route, locked until the transaction ends when `forUpdate`. */
export async function readReplyToSend(
  sql: Sql,
  messageId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ReplyToSend | null> {
  const rows = await sql.query<ReplyRow>(
    `select ${MESSAGE_COLUMNS.split(', ')
      .map((column) => `m.${column}`)
      .join(', ')}, m.provider_message_id, c.team_id, c.customer_id, ca.account as channel_account,
       latest.provider_message_id as latest_provider_id, latest.created_at as latest_at, sender.value as sender, d.account as latest_account, d.kind, d.subject, d.thread
     from messages m
     join conversations c on c.id = m.conversation_id
     left join channel_accounts ca on ca.id = c.channel_account_id
     left join lateral (
       select i.id, i.provider_message_id, i.created_at from messages i
       where i.conversation_id = m.conversation_id and i.direction = 'inbound' and i.channel = m.channel
       order by i.created_at desc, i.id desc limit 1) latest on true
     left join inbound_details d on d.message_id = latest.id
     left join identities sender on sender.id = d.identity_id and sender.customer_id = c.customer_id
     where m.id = $1 and m.direction = 'outbound'
     ${options.forUpdate ? 'for update of m' : ''}`,
    [messageId],
  );
  const row = rows[0];
  if (!row) return null;
  const identities = await sql.query<{ value: string }>(
    `select value from identities where customer_id = $1 and kind = any($2::text[])
     order by array_position($2::text[], kind), linked_at desc nulls last, id`,
    [row.customer_id, [...kindsForChannel(row.channel)]],
  );
  return {
    message: toMessage(row),
    teamId: row.team_id,
    providerMessageId: row.provider_message_id,
    account: row.channel_account ?? (row.latest_account || null),
    // The identity the customer last wrote from, then the others on the channel, newest link first.
    recipients: [
      ...new Set([...(row.sender ? [row.sender] : []), ...identities.map((identity) => identity.value)]),
    ].filter((value) => !value.startsWith('@')),
    kind: row.kind ?? 'direct',
    inReplyToProviderId: row.latest_provider_id,
    subject: row.subject,
    thread: row.thread ?? {},
    customerLastWroteAt: row.latest_at === null ? null : num(row.latest_at),
  };
}

/** Records the provider's id of a sent reply and marks it sent; returns its change row. */
export async function markReplySent(
  tx: Sql,
  message: Message,
  teamId: string,
  providerMessageId: string,
): Promise<NewChange> {
  await tx.query(
    `update messages set status = 'sent', provider_message_id = $2, status_error_code = null, status_error = null
     where id = $1`,
    [message.id, providerMessageId],
  );
  return { teamId, change: { kind: 'message', data: { ...message, status: 'sent' } } };
}

/** A failed reply back to `pending`, its provider id and error dropped, with its send queued; returns its change row. */
export async function queueFailedReplyAgain(
  tx: Sql,
  message: Message,
  teamId: string,
  now: number,
): Promise<NewChange> {
  await tx.query(
    `update messages set status = 'pending', provider_message_id = null, status_error_code = null, status_error = null
     where id = $1`,
    [message.id],
  );
  await enqueueSend(tx, message.id, now);
  return { teamId, change: { kind: 'message', data: { ...message, status: 'pending' } } };
}
