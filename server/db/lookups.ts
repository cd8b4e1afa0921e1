// What lookups read (shared/sync/lookups.ts): customers by what a rep may know of them, and one
// customer's record. Which keys a search text yields is decided in services/customer-search.ts.
import { lifetimeValue } from '../../shared/domain/money';
import type { CustomerHit, CustomerMatch, CustomerRecord, MergePreview } from '../../shared/sync/lookups';
import { CONVERSATION_COLUMNS, toConversation } from './conversations';
import type { ConversationRow } from './conversations';
import { getCustomer, listOrders } from './customers';
import { listMergesInto } from './merges';
import { num } from './sql';
import type { Sql } from './sql';
import { listCrmLinks } from './crm-links';

/** What to look for, each already in its stored form; null (or empty) leaves that key out. */
export interface SearchKeys {
  /** E.164. */
  phone: string | null;
  /** Digits the stored E.164 number ends with. */
  phoneEnd: string | null;
  email: string | null;
  handle: string | null;
  orderNumbers: readonly string[];
  trackingNumber: string | null;
  /** Lower case; matched anywhere in the name. */
  name: string | null;
}

const HANDLE_KINDS = `('x', 'instagram', 'messenger', 'webchat', 'whatsapp')`;

/**
 * Customers matching any key, best first: an exact identifier (phone, email, order, tracking)
 * before a handle before a part of a name, then by name. Each customer once, with the first
 * key it matched. Every key but the name is served by an index (migration 004).
 *
 * The end of a phone number is a range over the reversed number (`text_pattern_ops` order):
 * stored numbers are "+" and digits, so those ending in D reversed start with reverse(D) and sort
 * below reverse(D) || ':' (the character after "9"). A range, unlike LIKE, uses the index in a
 * prepared statement's generic plan too.
 */
export async function searchCustomers(sql: Sql, keys: SearchKeys, limit: number): Promise<CustomerHit[]> {
  const rows = await sql.query<{
    id: string;
    name: string;
    email: string | null;
    matched_by: CustomerMatch;
    matched: string;
  }>(
    `with hits as (
       select customer_id, 'phone' as matched_by, display as matched, 1 as rank from identities
       where kind = 'phone' and value = $1
       union all
       select customer_id, 'phone', display, 1 from identities
       where $2::text is not null and kind = 'phone'
         and reverse(value) ~>=~ reverse($2::text) and reverse(value) ~<~ (reverse($2::text) || ':')
       union all
       select customer_id, 'email', display, 1 from identities where kind = 'email' and value = $3
       union all
       select customer_id, 'order', number, 1 from orders where number = any($4::text[])
       union all
       select customer_id, 'tracking', $5::text, 1 from orders
       where $5::text is not null and doc -> 'shipments' @> jsonb_build_array(jsonb_build_object('trackingNumber', $5::text))
       union all
       -- A handle is what a rep may know a person by (never what inbound matches on).
       select customer_id, 'handle', display, 2 from identities
       where kind in ${HANDLE_KINDS} and lower(ltrim(display, '@')) = $6
       union all
       select id, 'name', name, 3 from customers
       where $7::text is not null and strpos(lower(name), $7::text) > 0
     ), best as (
       select distinct on (customer_id) customer_id, matched_by, matched, rank from hits
       order by customer_id, rank, matched_by
     )
     select c.id, c.name, b.matched_by, b.matched,
       (select e.value from identities e where e.customer_id = c.id and e.kind = 'email'
        order by e.linked_at, e.id limit 1) as email
     from best b join customers c on c.id = b.customer_id
     order by b.rank, c.name, c.id
     limit $8`,
    [keys.phone, keys.phoneEnd, keys.email, [...keys.orderNumbers], keys.trackingNumber, keys.handle, keys.name, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    matchedBy: row.matched_by,
    matched: row.matched,
  }));
}

/**
 * One customer with every identity and order, and their conversations in `teamIds` only (what a
 * member of those teams may see), newest first. Null when there is no such customer.
 */
export async function getCustomerRecord(
  sql: Sql,
  customerId: string,
  teamIds: readonly string[],
): Promise<CustomerRecord | null> {
  const customer = await getCustomer(sql, customerId);
  if (!customer) return null;
  const orders = await listOrders(sql, customerId);
  const conversations = await sql.query<ConversationRow>(
    `select ${CONVERSATION_COLUMNS} from conversations
     where customer_id = $1 and team_id = any($2::text[])
     order by last_message_at desc, id desc`,
    [customerId, [...teamIds]],
  );
  return {
    customer,
    orders,
    conversations: conversations.map(toConversation),
    merges: await listMergesInto(sql, customerId),
    connected: (await listCrmLinks(sql, customerId)).map(({ customerId: _customer, ...link }) => link),
  };
}

/**
 * What merging `sourceId` into `targetId` would leave: the target with every identity of both,
 * and the orders and conversations of both (conversations counted in every team). Null when
 * either customer does not exist.
 */
export async function previewMerge(sql: Sql, sourceId: string, targetId: string): Promise<MergePreview | null> {
  const [source, target] = [await getCustomer(sql, sourceId), await getCustomer(sql, targetId)];
  if (!source || !target) return null;
  const orders = [...(await listOrders(sql, targetId)), ...(await listOrders(sql, sourceId))];
  const counted = await sql.query<{ count: string | number }>(
    'select count(*) as count from conversations where customer_id = any($1::text[])',
    [[sourceId, targetId]],
  );
  const identities = [
    ...target.identities,
    ...source.identities.map((identity) => ({ ...identity, customerId: targetId })),
  ];
  return {
    customer: { ...target, email: target.email ?? source.email, identities },
    orderCount: orders.length,
    lifetimeValue: lifetimeValue(orders),
    conversationCount: num(counted[0]?.count ?? 0),
  };
}
