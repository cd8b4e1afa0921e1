// The two sides of the routing bench, each assigning a team's whole queue: routing's own passes, and
// the baseline, the same writes with the assignee picked by a plain rotation (README.md).
import { performance } from 'node:perf_hooks';
import type { Conversation } from '../../shared/domain/entities';
import type { RoutingMode } from '../../shared/domain/routing';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import type { RepStatus } from '../../shared/sync/presence';
import { appendChanges } from '../../server/db/changes';
import type { NewChange } from '../../server/db/changes';
import { lockConversations, updateConversation } from '../../server/db/conversations';
import type { Database } from '../../server/db/sql';
import { routeTeam } from '../../server/services/routing/route';

export interface Timed {
  assigned: number;
  ms: number;
  /** Conversations assigned by each pass (or baseline transaction), in order. */
  batches: number[];
}

/** Routing passes over the team until its queue is empty (a pass takes at most its batch), timed together. */
export async function routeAll(
  db: Database,
  teamId: string,
  repIds: readonly string[],
  mode: RoutingMode,
  now: number,
): Promise<Timed> {
  // Untimed: the mode this measurement is for (the template holds fewest_open).
  await db.query('update routing_settings set mode = $2 where team_id = $1', [teamId, mode]);
  const online = new Map<string, RepStatus>(repIds.map((id) => [id, 'online']));
  const presence = () => Promise.resolve(new Map(online));
  const batches: number[] = [];
  const start = performance.now();
  for (;;) {
    const outcome = await routeTeam(db, teamId, presence, now);
    if (!outcome.decided) throw new Error('another transaction held the team’s routing lock');
    if (outcome.assigned === 0) break;
    batches.push(outcome.assigned);
  }
  const ms = performance.now() - start;
  return { assigned: batches.reduce((a, b) => a + b, 0), ms, batches };
}

/**
 * The baseline: in transactions of the sizes routing's passes had, the oldest queued conversations
 * locked in one statement, each given to the next rep in turn by the server's `updateConversation`,
 * and their change and audit rows appended by `appendChanges`, as routing writes them.
 */
export async function rotateAll(
  db: Database,
  teamId: string,
  repIds: readonly string[],
  mode: Exclude<RoutingMode, 'manual'>,
  batches: readonly number[],
  now: number,
): Promise<Timed> {
  let turn = 0;
  const done: number[] = [];
  const start = performance.now();
  for (const size of batches) {
    const assigned = await db.transaction(async (tx) => {
      const ids = (
        await tx.query<{ id: string }>(
          `select id from conversations where team_id = $1 and assignee_id is null and status = 'open'
           order by created_at, id limit $2`,
          [teamId, size],
        )
      ).map((row) => row.id);
      const locked = await lockConversations(tx, ids);
      const changes: NewChange[] = [];
      for (const conversation of locked.values()) {
        const assigneeId = repIds[turn++ % repIds.length] ?? null;
        const next: Conversation = {
          ...conversation,
          assigneeId,
          assignedReason: { kind: 'routed', at: now, mode, open: 0, skipped: [] },
        };
        changes.push(...(await updateConversation(tx, next)));
      }
      await appendChanges(tx, changes, now, { actor: SYSTEM_ACTOR, type: 'routing' });
      return changes.length;
    });
    done.push(assigned);
  }
  const ms = performance.now() - start;
  return { assigned: done.reduce((a, b) => a + b, 0), ms, batches: done };
}

/** Queued (unassigned, open) conversations left in the team, and how many skipped reps routing's reasons list on average. */
export async function leftAndSkipped(
  db: Database,
  teamId: string,
): Promise<{ queued: number; skippedPerReason: number }> {
  const [row] = await db.query<{ queued: string | number; skipped: string | number | null }>(
    `select count(*) filter (where assignee_id is null and status = 'open') as queued,
       avg(jsonb_array_length(assigned_reason -> 'skipped')) filter (where assignee_id is not null) as skipped
     from conversations where team_id = $1`,
    [teamId],
  );
  return { queued: Number(row?.queued ?? 0), skippedPerReason: Number(row?.skipped ?? 0) };
}
