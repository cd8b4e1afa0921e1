import type { MessageStatus } from '../../shared/domain/entities';
import { providerActor } from '../../shared/sync/audit';
import type { StatusEvent } from '../channels/event';
import { appendChanges, NO_CHANGES } from '../db/changes';
import type { AppendedChanges } from '../db/changes';
import { holdEarlyStatus, lockEarlyStatus } from '../db/early-statuses';
import { lockMessageByProviderId, updateMessageStatus } from '../db/messages';
import type { Sql } from '../db/sql';

/**
 * How far a message has got. Providers report out of order, so a status only replaces one of a
 * lower rank: a late "sent" never undoes "delivered". A failure outranks queued and sent, not
 * delivered or read (a message the customer has is not failed).
 */
const RANK: Record<MessageStatus, number> = { received: 0, pending: 1, sent: 2, delivered: 3, failed: 3, read: 4 };

/** Why a status waits: no reply has its provider id yet (the send's answer may still be on its way). */
export const HELD_EARLY = 'no message has this provider id yet: held until a reply is recorded with it';

/** How long a held report waits for its reply before it is dropped. */
export const EARLY_STATUS_TTL_MS = 24 * 60 * 60 * 1000;

interface StatusResult {
  /** Why nothing changed, for the log; null when the message took the status. */
  skipped: string | null;
  changes: AppendedChanges;
}

/** Applies a provider's status report to the outbound message it names, in one transaction. */
export async function applyDeliveryStatus(sql: Sql, event: StatusEvent, now: number): Promise<StatusResult> {
  return sql.transaction(async (tx) => {
    const message = await lockMessageByProviderId(tx, event.channel, event.providerMessageId);
    if (!message) {
      // Kept, the most advanced of them, for the reply whose send is recorded with this id (`outbound.ts`).
      const held = await lockEarlyStatus(tx, event.channel, event.providerMessageId);
      if (!held || RANK[event.status] > RANK[held.status]) await holdEarlyStatus(tx, event, now);
      return { skipped: HELD_EARLY, changes: NO_CHANGES };
    }
    if (message.direction !== 'outbound') return { skipped: 'the message is inbound', changes: NO_CHANGES };
    if (RANK[event.status] <= RANK[message.status])
      return { skipped: `the message is already ${message.status}`, changes: NO_CHANGES };
    const { teamId, ...stored } = message;
    const change = await updateMessageStatus(tx, stored, teamId, event.status, event.error);
    const changes = await appendChanges(tx, [change], now, {
      actor: providerActor(event.channel),
      type: 'delivery_status',
    });
    return { skipped: null, changes };
  });
}

/** Whether `next` is further along than `current` (a late report never undoes a later one). */
export function outranks(next: MessageStatus, current: MessageStatus): boolean {
  return RANK[next] > RANK[current];
}
