// Which customer of a connected record (Shopify) each Caredesk customer is, and how fresh its
// purchase history is (migration 021, `server/crm/`).
import type { Conversation, Order } from '../../shared/domain/entities';
import { lockConversations } from './conversations';
import type { CrmKey } from '../crm/connector';
import type { Sql } from './sql';
import { num } from './sql';

export interface CrmLink {
  customerId: string;
  source: string;
  /** Null: the record holds no such customer (or several, and none was chosen). */
  externalId: string | null;
  /** How they were matched: "phone +16136120707". */
  matchedBy: string | null;
  /** When the purchase history was last stored. */
  fetchedAt: number | null;
  /** Why the last attempt failed; null when it did not. */
  error: string | null;
  /** When the record was last asked. */
  checkedAt: number;
}

interface CrmLinkRow {
  customer_id: string;
  source: string;
  external_id: string | null;
  matched_by: string | null;
  fetched_at: string | number | null;
  error: string | null;
  checked_at: string | number;
}

const fromRow = (row: CrmLinkRow): CrmLink => ({
  customerId: row.customer_id,
  source: row.source,
  externalId: row.external_id,
  matchedBy: row.matched_by,
  fetchedAt: row.fetched_at === null ? null : num(row.fetched_at),
  error: row.error,
  checkedAt: num(row.checked_at),
});

export async function getCrmLink(sql: Sql, customerId: string, source: string): Promise<CrmLink | null> {
  const rows = await sql.query<CrmLinkRow>('select * from crm_links where customer_id = $1 and source = $2', [
    customerId,
    source,
  ]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The Caredesk customer a record's customer is already linked to, if any. */
export async function crmLinkOwner(sql: Sql, source: string, externalId: string): Promise<string | null> {
  const rows = await sql.query<{ customer_id: string }>(
    'select customer_id from crm_links where source = $1 and external_id = $2',
    [source, externalId],
  );
  return rows[0]?.customer_id ?? null;
}

export async function saveCrmLink(sql: Sql, link: CrmLink): Promise<void> {
  await sql.query(
    `insert into crm_links (customer_id, source, external_id, matched_by, fetched_at, error, checked_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (customer_id, source) do update set external_id = excluded.external_id,
       matched_by = excluded.matched_by, fetched_at = excluded.fetched_at, error = excluded.error,
       checked_at = excluded.checked_at`,
    [link.customerId, link.source, link.externalId, link.matchedBy, link.fetchedAt, link.error, link.checkedAt],
  );
}

/** What a customer can be looked up by in a record: their emails first, then their phones. */
export async function crmKeysOf(sql: Sql, customerId: string): Promise<CrmKey[]> {
  const rows = await sql.query<{ kind: 'email' | 'phone'; value: string }>(
    `select kind, value from identities where customer_id = $1 and kind in ('email', 'phone')
     order by kind, linked_at nulls last, id`,
    [customerId],
  );
  return rows;
}

/** The stored orders of one source by id (to compare before writing, and keep what the source does not send). */
export async function sourcedOrders(sql: Sql, source: string, ids: readonly string[]): Promise<Map<string, Order>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; doc: Order }>(
    'select id, doc from orders where source = $1 and id = any($2::text[])',
    [source, ids],
  );
  return new Map(rows.map((row) => [row.id, row.doc]));
}

/** Names a customer as a connected record does. */
export async function renameCustomer(sql: Sql, customerId: string, name: string): Promise<void> {
  await sql.query('update customers set name = $2 where id = $1', [customerId, name]);
}

/** Every connected store's link of the customer, by source. */
export async function listCrmLinks(sql: Sql, customerId: string): Promise<CrmLink[]> {
  const rows = await sql.query<CrmLinkRow>('select * from crm_links where customer_id = $1 order by source', [
    customerId,
  ]);
  return rows.map(fromRow);
}

/** The customer's conversations that carry link suggestions, locked (lock order: the customer first). */
export async function lockSuggestingConversations(tx: Sql, customerId: string): Promise<Conversation[]> {
  const rows = await tx.query<{ id: string }>(
    `select id from conversations where customer_id = $1 and jsonb_array_length(link_suggestions) > 0`,
    [customerId],
  );
  return [
    ...(
      await lockConversations(
        tx,
        rows.map((row) => row.id),
      )
    ).values(),
  ];
}

/** The customer an order belongs to; null when Caredesk holds no such order. */
export async function orderCustomer(sql: Sql, orderId: string): Promise<string | null> {
  const rows = await sql.query<{ customer_id: string }>('select customer_id from orders where id = $1', [orderId]);
  return rows[0]?.customer_id ?? null;
}
