import type { StatusEvent } from '../channels/event';
import type { Sql } from './sql';

/** A provider's report on a reply whose provider id Caredesk has not recorded yet (migration 025). */
export interface EarlyStatus {
  status: StatusEvent['status'];
  error: { code: string; text: string } | null;
}

interface EarlyStatusRow {
  status: StatusEvent['status'];
  error_code: string | null;
  error_text: string | null;
}

/** The report held for a provider message, locked until the transaction ends; null when none is. */
export async function lockEarlyStatus(
  tx: Sql,
  channel: string,
  providerMessageId: string,
): Promise<EarlyStatus | null> {
  const rows = await tx.query<EarlyStatusRow>(
    'select status, error_code, error_text from early_statuses where channel = $1 and provider_message_id = $2 for update',
    [channel, providerMessageId],
  );
  return rows[0] ? toEarlyStatus(rows[0]) : null;
}

function toEarlyStatus(row: EarlyStatusRow): EarlyStatus {
  return {
    status: row.status,
    error: row.error_code !== null ? { code: row.error_code, text: row.error_text ?? '' } : null,
  };
}

/** Holds `event` for its provider message (replacing what was held: the caller keeps the most advanced). */
export async function holdEarlyStatus(tx: Sql, event: StatusEvent, now: number): Promise<void> {
  await tx.query(
    `insert into early_statuses (channel, provider_message_id, status, error_code, error_text, received_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (channel, provider_message_id) do update
       set status = excluded.status, error_code = excluded.error_code, error_text = excluded.error_text`,
    [event.channel, event.providerMessageId, event.status, event.error?.code ?? null, event.error?.text ?? null, now],
  );
}

/** Takes the report held for a provider message away, returning it; null when none was held. */
export async function takeEarlyStatus(
  tx: Sql,
  channel: string,
  providerMessageId: string,
): Promise<EarlyStatus | null> {
  const rows = await tx.query<EarlyStatusRow>(
    `delete from early_statuses where channel = $1 and provider_message_id = $2
     returning status, error_code, error_text`,
    [channel, providerMessageId],
  );
  return rows[0] ? toEarlyStatus(rows[0]) : null;
}

/** Drops reports held since before `before` (no reply of Caredesk's ever had that id); returns how many. */
export async function dropEarlyStatuses(sql: Sql, before: number): Promise<number> {
  const rows = await sql.query<{ provider_message_id: string }>(
    'delete from early_statuses where received_at < $1 returning provider_message_id',
    [before],
  );
  return rows.length;
}
