import type { Conversation } from '../../../shared/domain/entities';
import { productLineOf } from '../../../shared/domain/routing';
import type { AssignedReason } from '../../../shared/domain/routing';
import { guessLanguage } from '../../../shared/suggest/language';
import { SYSTEM_ACTOR } from '../../../shared/sync/audit';
import type { RepStatus } from '../../../shared/sync/presence';
import { triage } from '../../../shared/triage';
import { hasLateOrder, urgencyOf } from '../../../shared/triage/urgency';
import { appendChanges, NO_CHANGES } from '../../db/changes';
import type { AppendedChanges, NewChange } from '../../db/changes';
import { updateConversation } from '../../db/conversations';
import {
  getRouting,
  lockAssignedOpen,
  lockIfQueued,
  readQueue,
  restartOffline,
  setLastAssignee,
  teamRepLoads,
  trackOffline,
  tryLockTeamRouting,
} from '../../db/routing';
import type { QueuedConversation } from '../../db/routing';
import type { Sql } from '../../db/sql';
import { chooseRep, queueOrder } from './choose';
import type { Candidate, Queued } from './choose';

/** Each user's presence over all their sockets: online when any socket is, away when all are; absent: offline. */
export type TeamPresence = (teamId: string) => Promise<Map<string, RepStatus>>;

export interface RouteOutcome {
  changes: AppendedChanges;
  /** False when another transaction held the team's routing lock: it decided instead. */
  decided: boolean;
  assigned: number;
  returned: number;
}

const NOTHING: RouteOutcome = { changes: NO_CHANGES, decided: true, assigned: 0, returned: 0 };

/**
 * The most conversations one pass considers per team, the longest waiting: beyond it, newer ones
 * wait until older ones are taken (a queue that long is beyond what routing can help anyway).
 */
const QUEUE_BATCH = 2_000;

/**
 * One routing pass over a team, in one transaction under the team's advisory lock, so exactly one
 * process decides for a team at a time (another one skips the team instead of waiting). First the
 * open conversations of reps offline longer than the team's delay go back to the queue; then each
 * unassigned open conversation, most urgent and longest waiting first, goes to the rep the team's
 * mode picks among those online, under capacity and with the skills it needs. Each is written like
 * a rep's assignment (the conversation row, its change, its audit row, by `system`), with the reason.
 */
export async function routeTeam(sql: Sql, teamId: string, presence: TeamPresence, now: number): Promise<RouteOutcome> {
  const { settings } = await getRouting(sql, teamId);
  if (settings.mode === 'manual' && settings.offlineReturnMinutes === null) return NOTHING;
  // Presence crosses processes (socket.io's adapter): read before the transaction, never inside it.
  const statuses = await presence(teamId);
  return sql.transaction(async (tx) => {
    if (!(await tryLockTeamRouting(tx, teamId))) return { ...NOTHING, decided: false };
    const { settings, lastAssigneeId } = await getRouting(tx, teamId);
    const loads = await teamRepLoads(tx, teamId);
    const statusOf = (userId: string): RepStatus => statuses.get(userId) ?? 'offline';

    const returnedChanges: NewChange[] = [];
    if (settings.offlineReturnMinutes !== null) {
      const offline = loads.filter((l) => statusOf(l.userId) === 'offline').map((l) => l.userId);
      const back = loads.filter((l) => statusOf(l.userId) !== 'offline').map((l) => l.userId);
      const since = await trackOffline(tx, offline, back, now);
      const delay = settings.offlineReturnMinutes * 60_000;
      for (const [userId, from] of since) {
        if (now - from < delay) continue;
        const reason: AssignedReason = {
          kind: 'returned',
          at: now,
          fromUserId: userId,
          offlineMinutes: Math.floor((now - from) / 60_000),
        };
        const theirs = await lockAssignedOpen(tx, teamId, userId);
        for (const conversation of theirs) {
          returnedChanges.push(
            ...(await updateConversation(tx, { ...conversation, assigneeId: null, assignedReason: reason })),
          );
        }
        // A lead may give them work while they are still away: it waits the whole delay again.
        if (theirs.length > 0) await restartOffline(tx, userId, now);
      }
    }
    // Conversations just returned are in the queue below (this transaction sees its own writes).
    const routedChanges: NewChange[] = [];
    let cursor = lastAssigneeId;
    if (settings.mode !== 'manual') {
      const candidates: Candidate[] = loads.map((load) => ({ ...load, status: statusOf(load.userId) }));
      const queued = (await readQueue(tx, teamId, QUEUE_BATCH)).map((item) => ({ ...item, ...priorityOf(item, now) }));
      for (const item of queueOrder(queued)) {
        const choice = chooseRep(settings, candidates, needOf(item), cursor);
        if (choice.userId === null) continue;
        // Read without a lock: taken meanwhile (by a rep, an inbound message's writer) or busy, it waits.
        const conversation = await lockIfQueued(tx, item.conversation.id);
        if (!conversation) continue;
        const reason: AssignedReason = {
          kind: 'routed',
          at: now,
          mode: settings.mode,
          open: choice.open,
          skipped: choice.skipped.slice(0, 50),
        };
        const next: Conversation = { ...conversation, assigneeId: choice.userId, assignedReason: reason };
        routedChanges.push(...(await updateConversation(tx, next)));
        const chosen = candidates.find((c) => c.userId === choice.userId)!;
        chosen.open += 1;
        chosen.openByChannel[conversation.channel] = (chosen.openByChannel[conversation.channel] ?? 0) + 1;
        cursor = choice.userId;
      }
      if (cursor !== lastAssigneeId && cursor !== null) await setLastAssignee(tx, teamId, cursor);
    }
    // The change log's lock last, as in every writer (server README "Storage").
    const returned = await appendChanges(tx, returnedChanges, now, { actor: SYSTEM_ACTOR, type: 'routing_return' });
    const routed = await appendChanges(tx, routedChanges, now, { actor: SYSTEM_ACTOR, type: 'routing' });
    return {
      changes: merge(returned, routed),
      decided: true,
      assigned: routedChanges.length,
      returned: returnedChanges.length,
    };
  });
}

/**
 * The priority a person set, urgency from the latest inbound message's sentiment and the customer's
 * late orders, and waiting since.
 */
function priorityOf(item: QueuedConversation, now: number): Queued {
  const sentiment = item.latestInbound ? triage(item.latestInbound).sentiment : 'neutral';
  const { conversation } = item;
  return {
    id: conversation.id,
    priority: conversation.priority ?? null,
    urgency: urgencyOf(sentiment, hasLateOrder(item.orders, now)),
    since: conversation.waitingSince ?? conversation.createdAt,
  };
}

function needOf(item: QueuedConversation) {
  const language = item.latestInbound ? guessLanguage(item.latestInbound) : null;
  return {
    channel: item.conversation.channel,
    // A guess without a single vote is no requirement.
    language: language && language.confidence > 0 ? language.language : null,
    productLine: productLineOf(item.conversation.tags),
  };
}

function merge(a: AppendedChanges, b: AppendedChanges): AppendedChanges {
  return {
    seq: Math.max(a.seq, b.seq),
    teamIds: [...new Set([...a.teamIds, ...b.teamIds])],
    userIds: [...new Set([...a.userIds, ...b.userIds])],
    everyone: a.everyone || b.everyone,
  };
}
