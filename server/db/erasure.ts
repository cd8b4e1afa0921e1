// Erasing a customer (services/erasure.ts): every row of theirs, what the change log and the audit
// log held of them, and, after the commit, the table files' old copies (VACUUM FULL).
import type { NewChange } from './changes';
import type { Sql } from './sql';

/** Everything an erasure removes, by id. */
export interface ErasureScope {
  /** The customer, and every customer merged into it (their rows are gone; their history is theirs). */
  customerIds: string[];
  identityIds: string[];
  /** Phone numbers, addresses and handles of those identities: another customer's old record may quote one. */
  identityTexts: string[];
  orderIds: string[];
  conversationIds: string[];
  messageIds: string[];
  noteIds: string[];
}

/** Read under the customer's lock (the caller's transaction). */
export async function erasureScope(tx: Sql, customerId: string): Promise<ErasureScope> {
  const customers = await tx.query<{ id: string }>(
    `with recursive merged(id) as (
       select $1::text
       union select m.source_customer_id from merges m join merged on m.target_customer_id = merged.id
       where m.undone_at is null
     )
     select id from merged where id = $1 or not exists (select 1 from customers c where c.id = merged.id) order by id`,
    [customerId],
  );
  const identities = await tx.query<{ id: string; value: string; display: string }>(
    'select id, value, display from identities where customer_id = $1 order by id',
    [customerId],
  );
  const ids = async (text: string, param: unknown) =>
    (await tx.query<{ id: string }>(text, [param])).map((row) => row.id);
  // Locked (after the customer, before the change log): a reply or note written meanwhile waits
  // and then finds its conversation gone, rather than slipping in beside what is read here.
  const conversationIds = await ids(
    'select id from conversations where customer_id = $1 order by id for update',
    customerId,
  );
  return {
    customerIds: customers.map((row) => row.id),
    identityIds: identities.map((row) => row.id),
    identityTexts: [...new Set(identities.flatMap((row) => [row.value, row.display]))],
    orderIds: await ids('select id from orders where customer_id = $1 order by id for update', customerId),
    conversationIds,
    messageIds: await ids(
      'select id from messages where conversation_id = any($1::text[]) order by id',
      conversationIds,
    ),
    noteIds: await ids('select id from notes where conversation_id = any($1::text[]) order by id', conversationIds),
  };
}

/**
 * The `delete` changes that remove the scope from every team whose engines may hold it: each
 * customer, order and conversation (with its messages and notes) goes to every team a change of it
 * was ever appended for, and to the team of each conversation. Read before `rewriteChangeLog`.
 */
export async function erasureDeletions(tx: Sql, scope: ErasureScope): Promise<NewChange[]> {
  const rows = await tx.query<{ team_id: string; kind: 'customer' | 'order' | 'conversation'; entity_id: string }>(
    `select distinct team_id, kind, entity_id from changes
     where team_id is not null and (
       (kind = 'customer' and entity_id = any($1::text[]))
       or (kind = 'order' and entity_id = any($2::text[]))
       or (kind = 'conversation' and entity_id = any($3::text[])))
     union select team_id, 'conversation', id from conversations where id = any($3::text[])
     order by kind, entity_id, team_id`,
    [scope.customerIds, scope.orderIds, scope.conversationIds],
  );
  return rows.map((row) => ({
    teamId: row.team_id,
    change: { kind: 'delete', data: { entity: row.kind, id: row.entity_id } },
  }));
}

/** Counts of the rows `deleteErasedRows` removed. */
export interface ErasedCounts {
  customers: number;
  identities: number;
  orders: number;
  conversations: number;
  messages: number;
  notes: number;
}

/**
 * Deletes the scope's rows: messages (their inbound details, media references and send jobs go
 * with them), notes, conversations, orders, identities, customers, and every merge record into or
 * out of its customers (they hold merged customers' rows as JSON); takes the message and note out
 * of stored action results. Other conversations' link suggestions pointing at its customers go;
 * returns those conversations' ids, to be sent again.
 */
export async function deleteErasedRows(
  tx: Sql,
  scope: ErasureScope,
): Promise<{ counts: ErasedCounts; suggestionsChanged: string[] }> {
  const count = async (text: string, param: string[]) => (await tx.query(text, [param])).length;
  await tx.query(
    `update applied_actions set result = result || '{"message": null, "note": null}'::jsonb
     where conversation_id = any($1::text[])
       or result -> 'message' ->> 'conversationId' = any($1::text[])
       or result -> 'note' ->> 'conversationId' = any($1::text[])`,
    [scope.conversationIds],
  );
  const messages = await count('delete from messages where id = any($1::text[]) returning id', scope.messageIds);
  const notes = await count('delete from notes where id = any($1::text[]) returning id', scope.noteIds);
  const conversations = await count(
    'delete from conversations where id = any($1::text[]) returning id',
    scope.conversationIds,
  );
  const orders = await count('delete from orders where id = any($1::text[]) returning id', scope.orderIds);
  const identities = await count('delete from identities where id = any($1::text[]) returning id', scope.identityIds);
  const customers = await count('delete from customers where id = any($1::text[]) returning id', scope.customerIds);
  await tx.query(
    `delete from merges where source_customer_id = any($1::text[]) or target_customer_id = any($1::text[])`,
    [scope.customerIds],
  );
  const changed = await tx.query<{ id: string }>(
    `update conversations set link_suggestions = ${WITHOUT_SUGGESTIONS('link_suggestions')}
     where ${SUGGESTS('link_suggestions')} returning id`,
    [scope.customerIds],
  );
  return {
    counts: { customers, identities, orders, conversations, messages, notes },
    suggestionsChanged: changed.map((row) => row.id).sort(),
  };
}

/** SQL: whether the jsonb array of link suggestions `column` names a customer of `$1`. */
const SUGGESTS = (column: string) =>
  `exists (select 1 from jsonb_array_elements(${column}) as s where s ->> 'customerId' = any($1::text[]))`;

/** SQL: the jsonb array of link suggestions `column` without those naming a customer of `$1`. */
const WITHOUT_SUGGESTIONS = (column: string) =>
  `(select coalesce(jsonb_agg(s order by n), '[]'::jsonb) from jsonb_array_elements(${column}) with ordinality as e(s, n)
    where not (s ->> 'customerId' = any($1::text[])))`;

/**
 * Rewrites every change-log row that carried the scope, so that an engine pulling from 0 never
 * receives it: each version of an erased customer, order, conversation, message or note becomes
 * a `delete` of it (same seq, team and action id: an action's engine still learns it was applied);
 * another customer's versions lose the erased identities (and the email they showed); other
 * conversations' versions lose their suggestions of the erased customers.
 */
export async function rewriteChangeLog(tx: Sql, scope: ErasureScope): Promise<void> {
  await tx.query(
    `update changes set kind = 'delete', payload = jsonb_build_object('entity', kind, 'id', entity_id)
     where (kind = 'customer' and entity_id = any($1::text[]))
       or (kind = 'order' and entity_id = any($2::text[]))
       or (kind = 'conversation' and entity_id = any($3::text[]))
       or (kind = 'message' and entity_id = any($4::text[]))
       or (kind = 'note' and entity_id = any($5::text[]))`,
    [scope.customerIds, scope.orderIds, scope.conversationIds, scope.messageIds, scope.noteIds],
  );
  await tx.query(
    `update changes set payload = jsonb_set(
         jsonb_set(payload, '{identities}',
           (select coalesce(jsonb_agg(i order by n), '[]'::jsonb)
            from jsonb_array_elements(payload -> 'identities') with ordinality as e(i, n)
            where not (i ->> 'id' = any($1::text[])))),
         '{email}', case when payload ->> 'email' = any($2::text[]) then 'null'::jsonb else payload -> 'email' end)
     where kind = 'customer'
       and exists (select 1 from jsonb_array_elements(payload -> 'identities') as i where i ->> 'id' = any($1::text[]))`,
    [scope.identityIds, scope.identityTexts],
  );
  await tx.query(
    `update changes set payload = jsonb_set(payload, '{linkSuggestions}', ${WITHOUT_SUGGESTIONS("payload -> 'linkSuggestions'")})
     where kind = 'conversation' and jsonb_typeof(payload -> 'linkSuggestions') = 'array'
       and ${SUGGESTS("payload -> 'linkSuggestions'")}`,
    [scope.customerIds],
  );
}

/**
 * Removes every audit row of the scope's entities (the append-only trigger lets exactly these
 * through, named in the transaction-local `caredesk.erasing`: migration 014) and writes the one
 * row that stays: that `actor` erased the customer, at `at`, seen by the leads of `teamIds`.
 */
export async function replaceAuditWithErasure(
  tx: Sql,
  scope: ErasureScope,
  customerId: string,
  erasure: { actor: string; at: number; teamIds: readonly string[] },
): Promise<void> {
  const keys = [
    ...scope.customerIds.map((id) => ['customer', id]),
    ...scope.identityIds.map((id) => ['identity', id]),
    ...scope.orderIds.map((id) => ['order', id]),
    ...scope.conversationIds.flatMap((id) => [
      ['conversation', id],
      ['revoke', id],
    ]),
    ...scope.messageIds.map((id) => ['message', id]),
    ...scope.noteIds.map((id) => ['note', id]),
  ];
  await tx.query(`select set_config('caredesk.erasing', $1, true)`, [
    JSON.stringify(keys.map(([kind, id]) => `${kind}:${id}`)),
  ]);
  await tx.query(
    `delete from audit_log where (entity_kind, entity_id) in (select k, i from unnest($1::text[], $2::text[]) as u(k, i))`,
    [keys.map(([kind]) => kind), keys.map(([, id]) => id)],
  );
  await tx.query(`select set_config('caredesk.erasing', '', true)`);
  await tx.query(
    `insert into audit_log (at, actor, type, entity_kind, entity_id, before, after, action_id, team_ids)
     values ($1, $2, 'erasure', 'customer', $3, null, '{"erased": true}'::jsonb, null, $4::text[])`,
    [erasure.at, erasure.actor, customerId, [...erasure.teamIds]],
  );
}

/** Every table an erasure writes: VACUUM FULL rewrites each (its TOAST table and indexes too). */
const ERASED_TABLES = [
  'customers',
  'identities',
  'orders',
  'conversations',
  'messages',
  'notes',
  'inbound_details',
  'outbound_sends',
  'merges',
  'applied_actions',
  'changes',
  'audit_log',
];

/**
 * After the erasure's commit (VACUUM cannot run in a transaction): rewrites the tables it wrote,
 * so no table file keeps the old row versions, and samples them again, then rewrites the
 * planner's statistics (pg_statistic), so they quote none of the erased values. Holds each
 * table's exclusive lock while it runs.
 */
export async function vacuumErasedTables(sql: Sql, waitMs = OLDER_TRANSACTIONS_WAIT_MS): Promise<void> {
  // PostgreSQL: twice, each after the transactions older than it ended. A rewrite keeps the row
  // versions a running snapshot may still see; one that outlived the first wait, or that the
  // server's horizon still counted, has ended by the second as a rule, and its rewrite drops them.
  const passes = sql.kind === 'postgres' ? 2 : 1;
  for (let pass = 0; pass < passes; pass++) {
    if (sql.kind === 'postgres') await olderTransactionsEnded(sql, waitMs);
    // One table at a time: each statement stays within the statement timeout (PostgreSQL: 30 s).
    for (const table of ERASED_TABLES) await sql.query(`vacuum (full, analyze) ${table}`);
  }
  // The statistics' old rows (values sampled before) go too. A transaction that began while the tables
  // were analysed may still see them, so this waits again. A role that owns neither the catalog nor
  // the database gets a warning, not an error: then autovacuum removes them later (README "Erasure").
  if (sql.kind === 'postgres') await olderTransactionsEnded(sql, waitMs);
  await sql.query('vacuum full pg_statistic');
}

/** How long the erasure's vacuum waits for transactions older than its commit (a sync pull, a routing pass). */
export const OLDER_TRANSACTIONS_WAIT_MS = 15_000;

/**
 * VACUUM FULL copies the row versions some running transaction may still see: one that began
 * before the erasure committed (another server process's routing pass, say) would keep the erased
 * rows in the rewritten files. So it waits, polling, until every other transaction of this database
 * that began before now has ended (at most `waitMs`, then goes ahead: that transaction will end,
 * and autovacuum removes what it kept; README "Erasure"). PostgreSQL only: PGlite has one connection.
 */
async function olderTransactionsEnded(sql: Sql, waitMs: number): Promise<void> {
  const [{ since } = { since: '' }] = await sql.query<{ since: string }>('select clock_timestamp()::text as since');
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [{ older } = { older: 0 }] = await sql.query<{ older: number }>(
      `select count(*)::int as older from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and xact_start < $1::timestamptz`,
      [since],
    );
    if (older === 0 || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
