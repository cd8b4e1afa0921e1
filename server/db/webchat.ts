import type { MessageStatus } from '../../shared/domain/entities';
import { num } from './sql';
import type { Sql } from './sql';

/** One line of a visitor's thread, as their chat window shows it: no author, no notes. */
export interface VisitorLine {
  id: string;
  /** `visitor` wrote it; `brand` is a reply. */
  from: 'visitor' | 'brand';
  body: string;
  at: number;
  status: MessageStatus;
}

/**
 * The newest `limit` messages, oldest first, of the web-chat conversations in which this visitor
 * wrote to `widget`: only what they wrote and what was answered there, never a merged profile's
 * other conversations.
 */
export async function visitorThread(sql: Sql, visitorId: string, widget: string, limit = 100): Promise<VisitorLine[]> {
  const rows = await sql.query<{
    id: string;
    direction: 'inbound' | 'outbound';
    body: string;
    created_at: string | number;
    status: MessageStatus;
  }>(
    `select m.id, m.direction, m.body, m.created_at, m.status from messages m
     where m.conversation_id in (
       select distinct w.conversation_id from identities i
       join inbound_details d on d.identity_id = i.id
       join messages w on w.id = d.message_id
       where i.kind = 'webchat' and i.value = $1 and d.account = $2 and w.channel = 'webchat'
     )
     order by m.created_at desc, m.id desc limit $3`,
    [visitorId, widget, limit],
  );
  return rows.reverse().map((row) => ({
    id: row.id,
    from: row.direction === 'inbound' ? 'visitor' : 'brand',
    body: row.body,
    at: num(row.created_at),
    status: row.status,
  }));
}
