// What the leads' service-level alerts and the console read: the waiting conversations of some
// teams, from the partial index that holds only waiting ones (migration 012), each with its target.
import { DEFAULT_SLA_POLICY, slaDue } from '../../../shared/domain/sla';
import type { SlaDue, SlaPolicy, SlaSubject } from '../../../shared/domain/sla';
import type { Channel } from '../../../shared/domain';
import type { Db } from './open';
import { REPLIED } from './rows';
import { prepared } from './statements';

export interface WaitingSubject extends SlaSubject {
  id: string;
  customerName: string;
  assigneeId: string | null;
  waitingSince: number;
  /** The most pressing target and when it falls due (null while snoozed or resolved). */
  due: SlaDue | null;
}

interface Row {
  id: string;
  channel: Channel;
  status: SlaSubject['status'];
  created_at: number;
  waiting_since: number;
  urgency: number;
  replied: number;
  customer_name: string;
  assignee_id: string | null;
}

/**
 * Due times by conversation, per cache and policy: a due time depends only on the row's fields named
 * in `dueKey`, so a refresh every few seconds recomputes only the conversations that changed.
 */
const dueCache = new WeakMap<Db, WeakMap<SlaPolicy, Map<string, { key: string; due: SlaDue | null }>>>();

function dueKey(row: Row): string {
  return `${row.channel}|${row.status}|${row.created_at}|${row.waiting_since}|${row.urgency}|${row.replied}`;
}

export function waitingSubjects(db: Db, teamIds: readonly string[], policy?: SlaPolicy): WaitingSubject[] {
  const rows = prepared(
    db,
    `SELECT c.id, c.channel, c.status, c.created_at, c.waiting_since, c.urgency, c.customer_name, c.assignee_id,
       ${REPLIED} AS replied
     FROM conversations c INDEXED BY conversations_waiting_team
     WHERE c.team_id IN (SELECT value FROM json_each(?)) AND c.status IN ('open', 'pending')
       AND c.waiting_since IS NOT NULL`,
  ).all(JSON.stringify(teamIds)) as Row[];
  const byPolicy = dueCache.get(db) ?? new WeakMap();
  dueCache.set(db, byPolicy);
  const chosen = policy ?? DEFAULT_SLA_POLICY;
  const known = byPolicy.get(chosen) ?? new Map<string, { key: string; due: SlaDue | null }>();
  byPolicy.set(chosen, known);
  const subjects = rows.map((row): WaitingSubject => {
    const subject = {
      id: row.id,
      channel: row.channel,
      status: row.status,
      createdAt: row.created_at,
      waitingSince: row.waiting_since,
      urgency: row.urgency,
      replied: row.replied === 1,
      customerName: row.customer_name,
      assigneeId: row.assignee_id,
    };
    const key = dueKey(row);
    const cached = known.get(row.id);
    const due = cached?.key === key ? cached.due : slaDue(subject, chosen);
    known.set(row.id, { key, due });
    return { ...subject, due };
  });
  // Conversations no longer waiting leave the cache once it holds many more than are read.
  if (known.size > 2 * rows.length + 1000) {
    const read = new Set(rows.map((row) => row.id));
    for (const id of known.keys()) if (!read.has(id)) known.delete(id);
  }
  return subjects;
}
