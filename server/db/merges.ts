// The merges table (migration 010): what each `link` moved, so that it can be undone exactly.
import type { MergeEntry } from '../../shared/sync/lookups';
import type { StoredIdentity } from './customers';
import { json, num } from './sql';
import type { Sql } from './sql';

/** The merged-away customer's own row. */
export interface MergedCustomer {
  id: string;
  name: string;
  createdAt: number;
}

/** A merge as stored: who, when, and exactly what moved. */
export interface MergeRecord {
  id: string;
  sourceCustomerId: string;
  targetCustomerId: string;
  mergedBy: string;
  mergedAt: number;
  source: MergedCustomer;
  /** Each moved identity as it was before the merge. */
  identities: StoredIdentity[];
  orderIds: string[];
  conversationIds: string[];
  undoneAt: number | null;
  undoneBy: string | null;
  undoActionId: string | null;
}

interface MergeRow {
  id: string;
  source_customer_id: string;
  target_customer_id: string;
  merged_by: string;
  merged_at: string | number;
  source_customer: MergedCustomer;
  identities: StoredIdentity[];
  order_ids: string[];
  conversation_ids: string[];
  undone_at: string | number | null;
  undone_by: string | null;
  undone_action_id: string | null;
}

function toMerge(row: MergeRow): MergeRecord {
  return {
    id: row.id,
    sourceCustomerId: row.source_customer_id,
    targetCustomerId: row.target_customer_id,
    mergedBy: row.merged_by,
    mergedAt: num(row.merged_at),
    source: { ...row.source_customer, createdAt: num(row.source_customer.createdAt) },
    identities: row.identities.map((identity) => ({ ...identity, linkedAt: num(identity.linkedAt) })),
    orderIds: row.order_ids,
    conversationIds: row.conversation_ids,
    undoneAt: row.undone_at === null ? null : num(row.undone_at),
    undoneBy: row.undone_by,
    undoActionId: row.undone_action_id,
  };
}

export async function insertMerge(
  tx: Sql,
  merge: Omit<MergeRecord, 'undoneAt' | 'undoneBy' | 'undoActionId'>,
): Promise<void> {
  await tx.query(
    `insert into merges (id, source_customer_id, target_customer_id, merged_by, merged_at, source_customer,
       identities, order_ids, conversation_ids)
     values ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8::text[], $9::text[])`,
    [
      merge.id,
      merge.sourceCustomerId,
      merge.targetCustomerId,
      merge.mergedBy,
      merge.mergedAt,
      json(merge.source),
      json(merge.identities),
      merge.orderIds,
      merge.conversationIds,
    ],
  );
}

/** The merge, its row locked until the transaction ends (so two undos decide one after the other). */
export async function lockMerge(tx: Sql, id: string): Promise<MergeRecord | null> {
  const rows = await tx.query<MergeRow>('select * from merges where id = $1 for update', [id]);
  return rows[0] ? toMerge(rows[0]) : null;
}

/** The merge's target customer, read without a lock (to take the customers' locks in order first). */
export async function mergeCustomers(sql: Sql, id: string): Promise<{ source: string; target: string } | null> {
  const rows = await sql.query<{ source_customer_id: string; target_customer_id: string }>(
    'select source_customer_id, target_customer_id from merges where id = $1',
    [id],
  );
  return rows[0] ? { source: rows[0].source_customer_id, target: rows[0].target_customer_id } : null;
}

export async function markMergeUndone(
  tx: Sql,
  id: string,
  undo: { by: string; at: number; actionId: string },
): Promise<void> {
  await tx.query('update merges set undone_at = $2, undone_by = $3, undone_action_id = $4 where id = $1', [
    id,
    undo.at,
    undo.by,
    undo.actionId,
  ]);
}

/** The merges into a customer, newest first, as its history lists them. */
export async function listMergesInto(sql: Sql, customerId: string): Promise<MergeEntry[]> {
  const rows = await sql.query<MergeRow>(
    'select * from merges where target_customer_id = $1 order by merged_at desc, id desc limit 100',
    [customerId],
  );
  return rows.map(toMerge).map((merge) => ({
    id: merge.id,
    sourceCustomerId: merge.sourceCustomerId,
    sourceName: merge.source.name,
    targetCustomerId: merge.targetCustomerId,
    by: merge.mergedBy,
    at: merge.mergedAt,
    identityCount: merge.identities.length,
    orderCount: merge.orderIds.length,
    conversationCount: merge.conversationIds.length,
    undoneAt: merge.undoneAt,
    undoneBy: merge.undoneBy,
    undoActionId: merge.undoActionId,
  }));
}
