// The routing decision itself, pure: which rep gets a conversation, and who was passed over and why.
import type { Channel } from '../../../shared/domain/channels';
import type { RepRouting, RoutingSettings, SkipReason } from '../../../shared/domain/routing';
import { priorityOfSubject } from '../../../shared/domain/sla';
import type { SlaPriority } from '../../../shared/domain/sla';
import type { RepStatus } from '../../../shared/sync/presence';

/** A rep of the team as routing sees them now. */
export interface Candidate {
  userId: string;
  status: RepStatus;
  /** Open conversations assigned to them, in every team. */
  open: number;
  openByChannel: Partial<Record<Channel, number>>;
}

/** What a conversation asks of its rep; null where it is not known (no requirement then). */
export interface Need {
  channel: Channel;
  language: string | null;
  productLine: string | null;
}

export interface Choice {
  /** Null when no rep may take it now. */
  userId: string | null;
  /** The chosen rep's open conversations before this one. */
  open: number;
  skipped: { userId: string; why: SkipReason }[];
}

/** Why `candidate` may not take a conversation needing `need`, or null when they may. */
export function skipReason(
  settings: RoutingSettings,
  candidate: Candidate,
  skills: RepRouting | undefined,
  need: Need,
): SkipReason | null {
  if (candidate.status !== 'online') return candidate.status;
  const maxOpen = skills?.maxOpen ?? settings.maxOpen;
  if (maxOpen !== null && candidate.open >= maxOpen) return 'at_capacity';
  const channelMax = settings.channelMaxOpen[need.channel];
  if (channelMax !== undefined && (candidate.openByChannel[need.channel] ?? 0) >= channelMax) {
    return 'channel_at_capacity';
  }
  if (!skills) return null;
  if (need.language && skills.languages.length > 0 && !skills.languages.some((l) => l === need.language)) {
    return 'missing_language';
  }
  if (skills.channels.length > 0 && !skills.channels.includes(need.channel)) return 'missing_channel';
  if (need.productLine && skills.productLines.length > 0 && !skills.productLines.includes(need.productLine)) {
    return 'missing_product_line';
  }
  return null;
}

/**
 * Picks the rep for one conversation. Candidates are considered in user-id order. Round robin: the
 * first eligible rep after `lastAssigneeId` (wrapping). Fewest open: the eligible rep with the fewest
 * open conversations, ties going round from `lastAssigneeId` the same way. Every rep who may not
 * take it is listed with why. `manual` picks nobody.
 */
export function chooseRep(
  settings: RoutingSettings,
  candidates: readonly Candidate[],
  need: Need,
  lastAssigneeId: string | null,
): Choice {
  const sorted = [...candidates].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  // The rotation: reps after the last one assigned, then from the start.
  const start = lastAssigneeId === null ? 0 : sorted.findIndex((c) => c.userId > lastAssigneeId);
  const turn = start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
  const skills = new Map(settings.reps.map((rep) => [rep.userId, rep]));
  const skipped: Choice['skipped'] = [];
  const eligible: Candidate[] = [];
  for (const candidate of turn) {
    const why = skipReason(settings, candidate, skills.get(candidate.userId), need);
    if (why) skipped.push({ userId: candidate.userId, why });
    else eligible.push(candidate);
  }
  if (settings.mode === 'manual' || eligible.length === 0) return { userId: null, open: 0, skipped };
  let best = eligible[0]!;
  if (settings.mode === 'fewest_open')
    for (const candidate of eligible) if (candidate.open < best.open) best = candidate;
  return { userId: best.userId, open: best.open, skipped };
}

/** A conversation waiting in the queue. */
export interface Queued {
  id: string;
  /** The priority a person set; absent or null: none (triage's urgency alone orders it). */
  priority?: SlaPriority | null;
  /** 0–3 (`shared/triage/urgency.ts`). */
  urgency: number;
  /** Since when it waits: the oldest unanswered message, else its creation. */
  since: number;
}

const RANK: Record<SlaPriority, number> = { urgent: 3, high: 2, normal: 1 };
/** The priority in effect (a person's, else triage's), as the service levels read it. */
const rankOf = (queued: Queued) => RANK[priorityOfSubject(queued)];
/** Of one priority, the one a person set comes before triage's. */
const setByPerson = (queued: Queued) => (queued.priority ? 1 : 0);

/**
 * The queue's order, the service levels' own: the priority in effect (a person's, else triage's:
 * urgent, high, normal); of one priority, one a person set first, then the most urgent by triage,
 * then the longest waiting, then by id (a stable order).
 */
export function queueOrder<T extends Queued>(queue: readonly T[]): T[] {
  return [...queue].sort(
    (a, b) =>
      rankOf(b) - rankOf(a) ||
      setByPerson(b) - setByPerson(a) ||
      b.urgency - a.urgency ||
      a.since - b.since ||
      (a.id < b.id ? -1 : 1),
  );
}
