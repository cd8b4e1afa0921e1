// What the leads' service-level alerts read: the waiting conversations of some teams, from the
// partial index that holds only waiting ones (migration 012).
import type { SlaSubject } from '../../../shared/domain/sla';
import type { Channel } from '../../../shared/domain';
import type { Db } from './open';
import { REPLIED } from './rows';
import { prepared } from './statements';

export interface WaitingSubject extends SlaSubject {
  id: string;
  customerName: string;
  assigneeId: string | null;
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

export function waitingSubjects(db: Db, teamIds: readonly string[]): WaitingSubject[] {
  const rows = prepared(
    db,
    `SELECT c.id, c.channel, c.status, c.created_at, c.waiting_since, c.urgency, c.customer_name, c.assignee_id,
       ${REPLIED} AS replied
     FROM conversations c INDEXED BY conversations_waiting_team
     WHERE c.team_id IN (SELECT value FROM json_each(?)) AND c.status IN ('open', 'pending')
       AND c.waiting_since IS NOT NULL`,
  ).all(JSON.stringify(teamIds)) as Row[];
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    status: row.status,
    createdAt: row.created_at,
    waitingSince: row.waiting_since,
    urgency: row.urgency,
    replied: row.replied === 1,
    customerName: row.customer_name,
    assigneeId: row.assignee_id,
  }));
}
