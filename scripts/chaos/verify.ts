// Checks the server's final state against what the engines acknowledged: lost, duplicated, out of order.
import { num } from '../../server/db/sql';
import type { Sql } from '../../server/db/sql';
import type { WorkloadType } from './messages';

/** An action the engine's API answered OK for (so it committed to the outbox). */
export interface LedgerEntry {
  engine: number;
  /** Its place in the engine's queue. */
  index: number;
  actionId: string;
  type: WorkloadType;
  conversationId: string;
}

/** What the server holds for one action id. */
interface Observed {
  type: WorkloadType | null;
  /** Change-log rows of the kind the action must write exactly one of. */
  copies: number;
  /** The seq of its first such row; null when the action changed nothing (still applied). */
  seq: number | null;
}

export interface Verdict {
  acknowledged: number;
  applied: number;
  lost: LedgerEntry[];
  duplicated: { actionId: string; type: WorkloadType | null; copies: number }[];
  /** Actions applied after a later action of the same engine on the same conversation. */
  outOfOrder: LedgerEntry[];
  /** Applied, but changed nothing (no change row to order by). */
  unchanged: number;
  /** Applied actions of these users that no engine reported: committed just before a kill -9 of the engine. */
  unreported: number;
}

/** The change kind each action type writes exactly one of. */
const KIND: Record<WorkloadType, string> = {
  reply: 'message',
  note: 'note',
  assign: 'conversation',
  status: 'conversation',
  snooze: 'conversation',
  tag: 'conversation',
};

export async function verify(sql: Sql, ledger: readonly LedgerEntry[], userIds: readonly string[]): Promise<Verdict> {
  const observed = (await hasActionIds(sql)) ? await observeActions(sql, userIds) : await observeReplies(sql, userIds);
  const reported = new Set(ledger.map((entry) => entry.actionId));

  const lost = ledger.filter((entry) => !observed.has(entry.actionId));
  const duplicated = [...observed]
    .filter(([, seen]) => seen.copies > 1)
    .map(([actionId, seen]) => ({ actionId, type: seen.type, copies: seen.copies }));
  let unchanged = 0;
  for (const entry of ledger) if (observed.get(entry.actionId)?.seq === null) unchanged++;

  // Per engine and conversation, in queue order: each seq must be above every earlier one.
  const chains = new Map<string, LedgerEntry[]>();
  for (const entry of ledger) {
    const key = `${entry.engine}\u0000${entry.conversationId}`;
    const chain = chains.get(key);
    if (chain) chain.push(entry);
    else chains.set(key, [entry]);
  }
  const outOfOrder: LedgerEntry[] = [];
  for (const chain of chains.values()) {
    let highest = 0;
    for (const entry of chain.sort((a, b) => a.index - b.index)) {
      const seq = observed.get(entry.actionId)?.seq ?? null;
      if (seq === null) continue;
      if (seq < highest) outOfOrder.push(entry);
      highest = Math.max(highest, seq);
    }
  }

  return {
    acknowledged: ledger.length,
    applied: ledger.length - lost.length,
    lost,
    duplicated,
    outOfOrder,
    unchanged,
    unreported: [...observed.keys()].filter((id) => !reported.has(id)).length,
  };
}

async function hasActionIds(sql: Sql): Promise<boolean> {
  const rows = await sql.query(
    `select 1 from information_schema.columns where table_name = 'changes' and column_name = 'action_id'`,
  );
  return rows.length > 0;
}

/**
 * Every action id these users had applied (applied_actions), with the change rows that name it.
 * The stored replies and notes are counted as well: a second copy under another row would be a
 * duplicate even if the change log had missed it.
 */
async function observeActions(sql: Sql, userIds: readonly string[]): Promise<Map<string, Observed>> {
  const observed = new Map<string, Observed>();
  const applied = await sql.query<{ id: string; type: WorkloadType }>(
    'select id, type from applied_actions where user_id = any($1::text[])',
    [[...userIds]],
  );
  for (const row of applied) observed.set(row.id, { type: row.type, copies: 0, seq: null });
  const rows = await sql.query<{ action_id: string; kind: string; n: unknown; seq: unknown }>(
    `select action_id, kind, count(*) as n, min(seq) as seq from changes
     where action_id is not null group by action_id, kind`,
  );
  for (const row of rows) {
    const seen = observed.get(row.action_id);
    // An action of someone else (or a change naming an id nobody applied: counted if it repeats).
    if (!seen) {
      if (num(row.n) > 1) observed.set(row.action_id, { type: null, copies: num(row.n), seq: num(row.seq) });
      continue;
    }
    if (seen.type === null || KIND[seen.type] !== row.kind) continue;
    seen.copies = num(row.n);
    seen.seq = num(row.seq);
  }
  const stored = await sql.query<{ client_id: string; n: unknown }>(
    `select client_id, count(*) as n from (
       select client_id from messages where author_id = any($1::text[]) and client_id is not null
       union all
       select client_id from notes where author_id = any($1::text[])
     ) as s group by client_id having count(*) > 1`,
    [[...userIds]],
  );
  for (const row of stored) {
    const seen = observed.get(row.client_id);
    if (seen) seen.copies = Math.max(seen.copies, num(row.n));
  }
  return observed;
}

/** Before action ids (protocol 1): only replies, known by their clientId in messages and message changes. */
async function observeReplies(sql: Sql, userIds: readonly string[]): Promise<Map<string, Observed>> {
  const observed = new Map<string, Observed>();
  const messages = await sql.query<{ client_id: string; n: unknown }>(
    `select client_id, count(*) as n from messages
     where author_id = any($1::text[]) and client_id is not null group by client_id`,
    [[...userIds]],
  );
  for (const row of messages) observed.set(row.client_id, { type: 'reply', copies: num(row.n), seq: null });
  const changes = await sql.query<{ client_id: string; n: unknown; seq: unknown }>(
    `select payload->>'clientId' as client_id, count(*) as n, min(seq) as seq from changes
     where kind = 'message' and payload->>'authorId' = any($1::text[]) and payload->>'clientId' is not null
     group by 1`,
    [[...userIds]],
  );
  for (const row of changes) {
    const seen = observed.get(row.client_id) ?? { type: 'reply', copies: 0, seq: null };
    seen.copies = Math.max(seen.copies, num(row.n));
    seen.seq = num(row.seq);
    observed.set(row.client_id, seen);
  }
  return observed;
}
