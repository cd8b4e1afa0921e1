import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { appendChanges, NO_CHANGES } from '../db/changes';
import type { AppendedChanges, NewChange } from '../db/changes';
import { getConversation, listDueSnoozed, updateConversation } from '../db/conversations';
import type { Sql } from '../db/sql';

/**
 * Snoozed conversations whose time has come open again, with a change each, so every engine
 * sees them back in the queue. Run on a timer by the server; safe to run from several
 * processes at once (each conversation row is locked and re-checked).
 */
export async function wakeSnoozed(sql: Sql, now: number, limit = 500): Promise<AppendedChanges> {
  const due = await listDueSnoozed(sql, now, limit);
  if (due.length === 0) return NO_CHANGES;
  return sql.transaction(async (tx) => {
    const changes: NewChange[] = [];
    // Sorted ids: one lock order for concurrent sweeps.
    for (const id of [...due].sort()) {
      const conversation = await getConversation(tx, id, { forUpdate: true });
      if (conversation?.status !== 'snoozed' || (conversation.snoozedUntil ?? 0) > now) continue;
      changes.push(...(await updateConversation(tx, { ...conversation, status: 'open', snoozedUntil: null })));
    }
    return appendChanges(tx, changes, now, { actor: SYSTEM_ACTOR, type: 'snooze_ended' });
  });
}
