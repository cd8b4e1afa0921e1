import { randomUUID } from 'node:crypto';
import type { Note, Order } from '../../shared/domain/entities';
import { sourceLabel } from '../../shared/domain/entities';
import { formatMoney } from '../../shared/domain/money';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { appendChanges } from '../db/changes';
import type { AppendedChanges, NewChange } from '../db/changes';
import { orderChanges } from '../db/customers';
import { insertNote } from '../db/notes';
import { lockOrder, writeOrder } from '../db/orders';
import type { Sql } from '../db/sql';
import {
  claimDueStoreWrites,
  claimInterruptedStoreWrites,
  finishStoreWrite,
  rescheduleStoreWrite,
} from '../db/store-writes';
import type { StoreWriteJob } from '../db/store-writes';
import { getConversation } from '../db/conversations';
import { CrmUnavailable, StoreRefused } from './connector';
import type { CrmConnector, StoreWrite } from './connector';
import type { CrmSync } from './sync';

/**
 * What an order action asks the store that keeps the order, read off the order before and after
 * Caredesk's own rule ran: a cancellation (whose refund the store makes), a new delivery address,
 * or a refund made (not one waiting for a lead). Null: nothing for the store (a request, a decline).
 */
export function storeWriteOf(before: Order, after: Order): StoreWrite | null {
  if (after.cancellation && !before.cancellation) return { kind: 'cancel', reason: after.cancellation.reason };
  if (after.shippingAddress && after.shippingAddress.changedAt !== before.shippingAddress?.changedAt)
    return { kind: 'address', address: after.shippingAddress };
  if (after.refunds.length > before.refunds.length) {
    const refund = after.refunds[after.refunds.length - 1];
    if (refund)
      return { kind: 'refund', amountCents: refund.amountCents, lines: refund.lines ?? null, note: refund.reason };
  }
  return null;
}

/** The change in words, for notes: "cancel order #1001", "refund $20.90 on order #1001". */
export function describeStoreWrite(order: Order, change: StoreWrite): string {
  switch (change.kind) {
    case 'cancel':
      return `cancel order ${order.number}`;
    case 'address':
      return `change the delivery address of order ${order.number}`;
    case 'refund':
      return `refund ${formatMoney(change.amountCents, order.currency)} on order ${order.number}`;
  }
}

export interface StoreWritesOptions {
  sql: Sql;
  clock: () => number;
  connectors: readonly CrmConnector[];
  /** Refreshes a customer's orders from the stores after a write settles. */
  crm: CrmSync;
  poke: (changes: AppendedChanges) => void;
  log: (error: unknown) => void;
  /** How often due writes are looked for besides `wake()`; default 5 s. */
  intervalMs?: number;
  /** Attempts before a store that cannot be reached counts as a failure; default 6. */
  maxAttempts?: number;
  /** The first retry's delay, doubled each time (at most 10 min); default 5 s. */
  backoffMs?: number;
  /** A write still claimed after this belongs to a process that stopped mid-write; default 2 min. */
  leaseMs?: number;
}

export interface StoreWrites {
  /** Looks for due writes now. */
  wake(): void;
  /** One pass: settles interrupted writes, then makes the due ones. */
  pass(): Promise<void>;
  stop(): Promise<void>;
}

type Settlement =
  | { kind: 'made' }
  | { kind: 'refused'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'unclear'; message: string }
  | { kind: 'interrupted' };

/**
 * The queue of order actions' changes to orders a connected store keeps (migration 022). The
 * action already showed its effect on Caredesk's copy; the store is then asked, outside any
 * transaction. Made: a note says so and the order is fetched again, so Caredesk shows what the
 * store now holds. Refused by the store (or no store connected): the copy is put back as it was
 * and a note says why. A store that cannot be reached is asked again with a growing delay, then
 * counts as refused. A write whose process stopped mid-call, or that got no clear answer (no answer
 * in time, a 5xx), may or may not have been made: it is not asked again, a note asks the team to
 * check, and the order is fetched again (showing it if it was). Every outcome is audited (`store_write`).
 */
export function startStoreWrites(options: StoreWritesOptions): StoreWrites {
  const maxAttempts = options.maxAttempts ?? 6;
  const backoffMs = options.backoffMs ?? 5_000;
  const leaseMs = options.leaseMs ?? 120_000;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function settle(job: StoreWriteJob, settlement: Settlement): Promise<void> {
    const now = options.clock();
    const label = sourceLabel(job.source);
    const result = await options.sql.transaction(async (tx) => {
      if (!(await finishStoreWrite(tx, job))) return null;
      const order = await lockOrder(tx, job.orderId);
      const conversation = await getConversation(tx, job.conversationId);
      if (!order || !conversation) return { customerId: order?.customerId ?? null, changes: null };
      const what = describeStoreWrite(order, job.change);
      const body =
        settlement.kind === 'made'
          ? `${label} made it: ${what}.`
          : settlement.kind === 'interrupted'
            ? `Caredesk stopped while asking ${label} to ${what}: check the order in ${label} before doing it again.`
            : settlement.kind === 'unclear'
              ? `${label} gave no clear answer when asked to ${what} (${settlement.message}): check the order in ${label} before doing it again.`
              : `${label} did not ${what}: ${settlement.message} Order ${order.number} is shown as it was.`;
      const changes: NewChange[] = [];
      // Refused or never made: the copy the action changed is put back.
      if (settlement.kind === 'refused' || settlement.kind === 'failed') {
        const restored: Order = { ...job.before, customerId: order.customerId };
        await writeOrder(tx, restored);
        changes.push(...(await orderChanges(tx, restored)));
      }
      const note: Note = {
        id: randomUUID(),
        conversationId: conversation.id,
        // Written as the note of the person who acted: it ends what they started.
        authorId: job.actorId,
        body,
        createdAt: now,
        clientId: `${job.id}:store`,
      };
      const noteChange = await insertNote(tx, note, conversation.teamId);
      if (noteChange) changes.push(noteChange);
      return {
        customerId: order.customerId,
        changes: await appendChanges(tx, changes, now, { actor: SYSTEM_ACTOR, type: 'store_write' }),
      };
    });
    if (!result) return;
    if (result.changes) options.poke(result.changes);
    // What the store holds now (made, refused or unknown) replaces Caredesk's copy.
    if (result.customerId && settlement.kind !== 'failed') await options.crm.refresh(result.customerId, true);
  }

  async function attempt(job: StoreWriteJob): Promise<void> {
    const connector = options.connectors.find((c) => c.source === job.source && c.write !== undefined);
    const label = sourceLabel(job.source);
    if (!connector?.write) {
      await settle(job, { kind: 'refused', message: `${label} is not connected to this Caredesk server.` });
      return;
    }
    try {
      // The store is handed the order as it was before the action (its refs and payments). A queued
      // write goes with its order (foreign key): the settlement reads the order again anyway.
      await connector.write(job.before, job.change);
      await settle(job, { kind: 'made' });
    } catch (error) {
      if (error instanceof StoreRefused) return settle(job, { kind: 'refused', message: error.message });
      if (!(error instanceof CrmUnavailable)) throw error;
      // Shopify may have made it (a refund has no idempotency key): never asked again, a person checks.
      if (error.maybeMade) return settle(job, { kind: 'unclear', message: error.message });
      if (error.retryable && job.attempts < maxAttempts) {
        const delay = Math.min(600_000, backoffMs * 2 ** (job.attempts - 1));
        await rescheduleStoreWrite(options.sql, job, options.clock() + delay, error.message);
        return;
      }
      const tries = job.attempts === 1 ? '' : ` (${job.attempts} attempts)`;
      await settle(job, { kind: 'failed', message: `${error.message}${tries}` });
    }
  }

  async function pass(): Promise<void> {
    const now = options.clock();
    for (const job of await claimInterruptedStoreWrites(options.sql, now, now - leaseMs, 20))
      await settle(job, { kind: 'interrupted' });
    for (const job of await claimDueStoreWrites(options.sql, options.clock(), 10)) {
      if (stopped) break;
      await attempt(job);
    }
  }

  const run = () => {
    running = running
      .then(() => (stopped ? undefined : pass()))
      .catch((error: unknown) => {
        if (!stopped) options.log(error);
      });
    return running;
  };
  const timer = setInterval(() => void run(), options.intervalMs ?? 5_000);
  timer.unref();
  return {
    wake: () => void run(),
    pass: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
