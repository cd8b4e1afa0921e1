import { providerActor, SYSTEM_ACTOR } from '../../shared/sync/audit';
import type { ChannelSender, OutboundConfig, ReplyRoute, SendFailure, SendResult } from '../channels/outbound';
import { WHATSAPP_WINDOW_MS } from '../channels/outbound';
import { senderFor } from '../channels/senders';
import { appendChanges, NO_CHANGES } from '../db/changes';
import type { AppendedChanges, NewChange } from '../db/changes';
import { takeEarlyStatus } from '../db/early-statuses';
import { updateMessageStatus } from '../db/messages';
import { outranks } from './delivery-status';
import {
  claimDueSends,
  claimInterruptedSends,
  finishSend,
  markReplySent,
  readReplyToSend,
  rescheduleSend,
} from '../db/outbound';
import type { ReplyToSend, SendClaim } from '../db/outbound';
import type { Sql } from '../db/sql';

/** How replies leave: the providers' configuration, the retry policy and a clock. */
export interface OutboundOptions {
  config: OutboundConfig;
  /** The providers tried, first that carries the channel wins (tests pass doubles' senders). */
  senders?: readonly ChannelSender[];
  /** Attempts before a retryable failure counts as final; default 6. */
  maxAttempts?: number;
  /** The first retry's delay, doubled each time up to `maxBackoffMs`; default 2 s and 5 min. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * How long a claim lasts: a job still `sending` after it belongs to a process that stopped
   * mid-send. Longer than a provider call may take (30 s); default 2 min.
   */
  leaseMs?: number;
}

export const INTERRUPTED = {
  code: 'interrupted',
  text: 'Caredesk stopped while sending this reply, so it may have reached the customer. Check before sending it again.',
};

/** The delay before attempt `attempts + 1`: exponential, at least what the provider asked for. */
export function backoffDelay(attempts: number, failure: SendFailure, options: OutboundOptions): number {
  const base = options.backoffMs ?? 2_000;
  const max = options.maxBackoffMs ?? 300_000;
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, failure.retryAfterMs ?? 0);
}

/**
 * One pass of the send queue: fails the jobs of senders that stopped mid-send, then claims and
 * sends what is due (at most `limit`). Returns the changes it appended, to poke engines with.
 */
export async function sendDueReplies(
  sql: Sql,
  options: OutboundOptions,
  now: () => number,
  limit = 20,
): Promise<AppendedChanges[]> {
  const appended: AppendedChanges[] = [];
  const at = now();
  for (const claim of await claimInterruptedSends(sql, at, at - (options.leaseMs ?? 120_000), limit)) {
    appended.push(await settle(sql, claim, { ok: false, retryable: false, ...INTERRUPTED }, at));
  }
  const claims = await claimDueSends(sql, now(), limit);
  // Each claim is this process's alone; the provider calls run side by side.
  const results = await Promise.all(claims.map((claim) => sendClaimed(sql, claim, options, now)));
  appended.push(...results);
  return appended.filter((changes) => changes !== NO_CHANGES);
}

async function sendClaimed(
  sql: Sql,
  claim: SendClaim,
  options: OutboundOptions,
  now: () => number,
): Promise<AppendedChanges> {
  const reply = await readReplyToSend(sql, claim.messageId);
  // Sent already (a provider id is recorded) or no longer waiting: never sent again.
  if (!reply || reply.providerMessageId !== null || reply.message.status !== 'pending')
    return settle(sql, claim, null, now());
  const result = await attempt(reply, options, now());
  if (!result.ok && result.retryable && claim.attempts < (options.maxAttempts ?? 6)) {
    await rescheduleSend(sql, claim, now() + backoffDelay(claim.attempts, result, options), result);
    return NO_CHANGES;
  }
  return settle(sql, claim, result, now());
}

/** Sends one reply through the configured provider of its channel and account. */
async function attempt(reply: ReplyToSend, options: OutboundOptions, now: number): Promise<SendResult> {
  const { channel } = reply.message;
  const sender = senderFor(options.config, channel, reply.account, options.senders);
  if (!sender)
    return {
      ok: false,
      retryable: false,
      code: 'unconfigured',
      text: `No provider is configured to send from ${reply.account ?? 'this account'} on this channel.`,
    };
  const recipient = reply.recipients[0];
  const account = reply.account ?? (sender.accountless ? '' : null);
  if (account === null || !recipient)
    return {
      ok: false,
      retryable: false,
      code: 'no_route',
      text: reply.account
        ? 'The customer has no address on this channel to send to.'
        : 'Caredesk does not know which of the brand’s accounts this conversation came to.',
    };
  const thread = reply.thread;
  const route: ReplyRoute = {
    account,
    recipient,
    kind: reply.kind,
    inReplyToProviderId: reply.inReplyToProviderId,
    subject: reply.subject,
    thread: {
      ...(typeof thread.messageId === 'string' ? { messageId: thread.messageId } : {}),
      ...(Array.isArray(thread.references)
        ? { references: thread.references.filter((item): item is string => typeof item === 'string') }
        : {}),
    },
    windowOpen: reply.customerLastWroteAt !== null && now - reply.customerLastWroteAt < WHATSAPP_WINDOW_MS,
  };
  try {
    const { id: messageId, body, authorId } = reply.message;
    return await sender.send({ messageId, channel, body, automatic: authorId === null }, route, options.config);
  } catch (error) {
    return { ok: false, retryable: true, code: 'error', text: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Ends a claimed job in one transaction: the reply sent (with the provider's id, so its status
 * callbacks find it) or failed with the provider's reason; null only releases the job.
 */
async function settle(sql: Sql, claim: SendClaim, result: SendResult | null, now: number): Promise<AppendedChanges> {
  return sql.transaction(async (tx) => {
    if (!(await finishSend(tx, claim))) return NO_CHANGES;
    const reply = result ? await readReplyToSend(tx, claim.messageId, { forUpdate: true }) : null;
    if (!reply || !result || reply.message.status !== 'pending') return NO_CHANGES;
    let change: NewChange;
    if (result.ok) {
      change = await markReplySent(tx, reply.message, reply.teamId, result.providerMessageId);
      // The provider may have reported on it before its answer got here: that report applies now.
      const early = await takeEarlyStatus(tx, reply.message.channel, result.providerMessageId);
      if (early && outranks(early.status, 'sent'))
        change = await updateMessageStatus(tx, reply.message, reply.teamId, early.status, early.error);
    } else {
      change = await updateMessageStatus(tx, reply.message, reply.teamId, 'failed', {
        code: result.code,
        text: result.text,
      });
    }
    return appendChanges(tx, [change], now, {
      actor: result.ok ? providerActor(reply.message.channel) : SYSTEM_ACTOR,
      type: 'delivery_status',
    });
  });
}

/** The send queue of one server process: a pass every `intervalMs`, and one at once when woken. */
export interface OutboundQueue {
  /** A reply was queued: send without waiting for the next pass. */
  wake(): void;
  stop(): Promise<void>;
}

export function startOutboundQueue(
  sql: Sql,
  options: OutboundOptions & { intervalMs?: number },
  now: () => number,
  poke: (changes: AppendedChanges) => void,
  log: (error: unknown) => void,
): OutboundQueue {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = sendDueReplies(sql, options, now)
      .then(
        (appended) => appended.forEach(poke),
        (error: unknown) => {
          if (!stopped) log(error);
        },
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          pass();
        }
      });
  };
  const timer = setInterval(pass, options.intervalMs ?? 1_000);
  timer.unref();
  pass();
  return {
    wake: pass,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      // A pass stuck on storage that never answers must not hold the server's close: a send cut
      // off here is settled by the next start (a claim left mid-send is failed, never sent twice).
      await Promise.race([running, delay(STOP_WAIT_MS)]);
    },
  };
}

/** How long stopping waits for a pass in flight. */
const STOP_WAIT_MS = 5_000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
