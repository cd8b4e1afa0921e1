// Customers whose records hold what a message quoted (services/link-suggestions.ts decides what to look for).
import type { LinkEvidenceKind } from '../../shared/domain/link-suggestions';
import type { Sql } from './sql';

/** Values as stored: order numbers as written ("#1042" and "1042"), upper-case tracking numbers, lower-case emails, E.164. */
export interface EvidenceKeys {
  orderNumbers: readonly string[];
  trackingNumbers: readonly string[];
  emails: readonly string[];
  phones: readonly string[];
}

export interface EvidenceHit {
  customerId: string;
  customerName: string;
  kind: LinkEvidenceKind;
  /** As the record stores it. */
  value: string;
}

/** A message quoting more than this many matching records is not evidence of one person. */
const MAX_HITS = 50;

/** Every record that holds one of the keys, each through its index (orders by number and shipments, identities by key). */
export async function findEvidence(sql: Sql, keys: EvidenceKeys): Promise<EvidenceHit[]> {
  if (keys.orderNumbers.length + keys.trackingNumbers.length + keys.emails.length + keys.phones.length === 0) return [];
  const rows = await sql.query<{ customer_id: string; name: string; kind: LinkEvidenceKind; value: string }>(
    `with hits as (
       select customer_id, 'order' as kind, number as value from orders where number = any($1::text[])
       union all
       select o.customer_id, 'tracking', t.value from unnest($2::text[]) as t(value)
       join orders o on o.doc -> 'shipments' @> jsonb_build_array(jsonb_build_object('trackingNumber', t.value))
       union all
       select customer_id, 'email', value from identities where kind = 'email' and value = any($3::text[])
       union all
       select customer_id, 'phone', value from identities where kind = 'phone' and value = any($4::text[])
     )
     select h.customer_id, c.name, h.kind, h.value from hits h join customers c on c.id = h.customer_id
     order by h.customer_id, h.kind, h.value
     limit ${MAX_HITS}`,
    [[...keys.orderNumbers], [...keys.trackingNumbers], [...keys.emails], [...keys.phones]],
  );
  return rows.map((row) => ({ customerId: row.customer_id, customerName: row.name, kind: row.kind, value: row.value }));
}
