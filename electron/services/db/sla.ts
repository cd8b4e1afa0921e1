// What the leads' service-level alerts and the console read: the waiting conversations of some
// teams, from the partial index that holds only waiting ones (migration 012), or every open one,
// each with its targets under its team's policy (sla-policies.ts).
import { resolutionDue, slaDue } from '../../../shared/domain/sla';
import type { SlaDue, SlaPolicy, SlaPriority, SlaSubject } from '../../../shared/domain/sla';
import type { Channel } from '../../../shared/domain';
import type { Db } from './open';
import { REPLIED } from './rows';
import { teamPolicies } from './sla-policies';
import { prepared } from './statements';

export interface OpenSubject extends SlaSubject {
  id: string;
  teamId: string;
  customerName: string;
  assigneeId: string | null;
  /** The team's service levels, which the targets below were computed with. */
  policy: SlaPolicy;
  /** The most pressing target and when it falls due (null while snoozed or resolved). */
  due: SlaDue | null;
  /** The resolution target, whatever is due sooner. */
  resolution: SlaDue | null;
}

export interface WaitingSubject extends OpenSubject {
  waitingSince: number;
}

interface Row {
  id: string;
  team_id: string;
  channel: Channel;
  status: SlaSubject['status'];
  created_at: number;
  waiting_since: number | null;
  urgency: number;
  priority: SlaPriority | null;
  replied: number;
  customer_name: string;
  assignee_id: string | null;
}

/**
 * Due times by conversation, per cache: a due time depends only on the row's fields named in
 * `dueKey` and on its team's policy (the same object while the policy is unchanged), so a refresh
 * every few seconds recomputes only the conversations that changed.
 */
interface Dues {
  key: string;
  policy: SlaPolicy;
  due: SlaDue | null;
  resolution: SlaDue | null;
}
const dueCache = new WeakMap<Db, Map<string, Dues>>();

/** Each team's policy; tests give one instead of the cached teams'. */
export type PolicyOf = (teamId: string) => SlaPolicy;

function dueKey(row: Row): string {
  return `${row.channel}|${row.status}|${row.created_at}|${row.waiting_since}|${row.urgency}|${row.priority}|${row.replied}`;
}

const COLUMNS = `c.id, c.team_id, c.channel, c.status, c.created_at, c.waiting_since, c.urgency, c.priority, c.customer_name, c.assignee_id,
  ${REPLIED} AS replied`;

/** The waiting conversations of `teamIds`, each with its targets. */
export function waitingSubjects(db: Db, teamIds: readonly string[], policyOf?: PolicyOf): WaitingSubject[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM conversations c INDEXED BY conversations_waiting_team
     WHERE c.team_id IN (SELECT value FROM json_each(?)) AND c.status IN ('open', 'pending')
       AND c.waiting_since IS NOT NULL`,
  ).all(JSON.stringify(teamIds)) as (Row & { waiting_since: number })[];
  // Every row read has a waiting_since, so each subject is already a waiting one.
  return withDues(db, rows, policyOf) as WaitingSubject[];
}

/** Every open or pending conversation of `teamIds`, waiting or answered, each with its targets. */
export function openSubjects(db: Db, teamIds: readonly string[], policyOf?: PolicyOf): OpenSubject[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM conversations c
     WHERE c.team_id IN (SELECT value FROM json_each(?)) AND c.status IN ('open', 'pending')`,
  ).all(JSON.stringify(teamIds)) as Row[];
  return withDues(db, rows, policyOf);
}

function withDues(db: Db, rows: readonly Row[], policyOf?: PolicyOf): OpenSubject[] {
  const known = dueCache.get(db) ?? new Map<string, Dues>();
  dueCache.set(db, known);
  const policyFor = policyOf ?? teamPolicies(db);
  const subjects = rows.map((row): OpenSubject => {
    const key = dueKey(row);
    let dues = known.get(row.id);
    const policy = policyFor(row.team_id);
    const subject: OpenSubject = {
      id: row.id,
      teamId: row.team_id,
      channel: row.channel,
      status: row.status,
      createdAt: row.created_at,
      waitingSince: row.waiting_since,
      urgency: row.urgency,
      priority: row.priority,
      replied: row.replied === 1,
      customerName: row.customer_name,
      assigneeId: row.assignee_id,
      policy,
      due: dues?.due ?? null,
      resolution: dues?.resolution ?? null,
    };
    // One object per row: at 100,000 open conversations a copy per row is a noticeable share of a refresh.
    if (dues?.key !== key || dues.policy !== policy) {
      dues = { key, policy, due: slaDue(subject, policy), resolution: resolutionDue(subject, policy) };
      known.set(row.id, dues);
      subject.due = dues.due;
      subject.resolution = dues.resolution;
    }
    return subject;
  });
  // Conversations no longer read leave the cache once it holds many more than are read.
  if (known.size > 2 * rows.length + 1000) {
    const read = new Set(rows.map((row) => row.id));
    for (const id of known.keys()) if (!read.has(id)) known.delete(id);
  }
  return subjects;
}
