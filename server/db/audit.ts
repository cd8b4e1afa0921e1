// The audit log (shared/sync/audit.ts): written by the statement that appends the change log,
// read by leads and admins through the `lookup:audit` lookup. Nothing here updates or deletes a
// row; the table's trigger refuses both (migration 004).
import type { AuditEntry, AuditPage, AuditQuery, SystemAuditType } from '../../shared/sync/audit';
import type { ActionType } from '../../shared/sync/actions';
import type { ChangeData } from '../../shared/sync/protocol';
import { num } from './sql';
import type { Sql } from './sql';

export type AuditType = ActionType | SystemAuditType;

/** Who made the changes an append writes, and why: one audit row per entity they touch. */
export interface ChangeOrigin {
  /** A user id, SYSTEM_ACTOR or providerActor(channel). */
  actor: string;
  type: AuditType;
  /** The rep action that wrote the changes; every change row and audit row names it. */
  actionId?: string | null;
}

type Kind = ChangeData['kind'];
type DataOf<K extends Kind> = Extract<ChangeData, { kind: K }>['data'];

/**
 * What an audit row keeps of an entity: identifiers and field values, never text a person wrote
 * or a person's name, email or number (so erasing a customer never rewrites history). `derived`
 * fields are computed from the change's payload in SQL.
 */
interface Audited<K extends Kind> {
  fields: readonly (keyof DataOf<K> & string)[];
  derived?: Readonly<Record<string, (payload: string) => string>>;
}

/** Typed by change kind: a new kind does not compile until it says what is audited of it. */
const AUDITED: { readonly [K in Kind]: Audited<K> } = {
  team: { fields: ['name', 'sla'] },
  // A colleague's name and email are left out like a customer's.
  user: { fields: ['role', 'teamIds'] },
  // Ids only: the identities' values are phone numbers, emails and handles.
  customer: {
    fields: [],
    derived: {
      identityIds: (payload) =>
        `(select coalesce(jsonb_agg(i -> 'id' order by i ->> 'id'), '[]'::jsonb)
          from jsonb_array_elements(${payload} -> 'identities') as i)`,
    },
  },
  // What order actions change, as ids and amounts: never the address itself (a person's), only when it changed.
  order: {
    fields: ['customerId', 'number', 'status', 'currency', 'totalCents'],
    derived: {
      refundIds: (payload) => idsOf(payload, 'refunds'),
      refundedCents: (payload) =>
        `(select coalesce(sum((r ->> 'amountCents')::bigint), 0) from jsonb_array_elements(coalesce(${payload} -> 'refunds', '[]'::jsonb)) as r)`,
      shipmentIds: (payload) => idsOf(payload, 'shipments'),
      refundRequests: (payload) =>
        `(select coalesce(jsonb_agg(jsonb_build_object('id', q -> 'id', 'status', q -> 'status', 'amountCents', q -> 'amountCents') order by q ->> 'id'), '[]'::jsonb)
          from jsonb_array_elements(coalesce(${payload} -> 'refundRequests', '[]'::jsonb)) as q)`,
      addressChangedAt: (payload) => `coalesce(${payload} -> 'shippingAddress' -> 'changedAt', 'null'::jsonb)`,
    },
  },
  // Not the subject or preview (the customer's words), nor lastMessageAt (the message row says it).
  conversation: {
    fields: [
      'teamId',
      'customerId',
      'channel',
      'status',
      'assigneeId',
      'tags',
      'snoozedUntil',
      'waitingSince',
      'priority',
    ],
  },
  message: { fields: ['conversationId', 'channel', 'direction', 'authorId', 'status'] },
  note: { fields: ['conversationId', 'authorId'] },
  revoke: { fields: [] },
  // Named by what it removed (its kind and id): `before` is what was audited of it, `after` says
  // it was deleted (auditCtes).
  delete: { fields: [] },
  // Not the title or body: text a person wrote.
  resolution: { fields: ['ownerId', 'teamId'] },
};

/** SQL: the ids of the objects in an array field of `payload`, sorted. */
function idsOf(payload: string, field: string): string {
  return `(select coalesce(jsonb_agg(e -> 'id' order by e ->> 'id'), '[]'::jsonb)
    from jsonb_array_elements(coalesce(${payload} -> '${field}', '[]'::jsonb)) as e)`;
}

/**
 * The entity kinds `changes` are versions of (a `delete` is one of what it removed): the only
 * kinds an append's audit rows can be of.
 */
export function auditedKinds(changes: readonly { change: ChangeData }[]): ReadonlySet<string> {
  return new Set(changes.map(({ change }) => (change.kind === 'delete' ? change.data.entity : change.kind)));
}

/**
 * SQL: the audited fields of `payload`, a change of kind `kind`, as one jsonb object. `kinds`
 * (default every kind) are the kinds `kind` can be: PostgreSQL parses and plans every branch of
 * the `case` each time the statement is planned, so an append lists only its own.
 */
function auditedFields(kind: string, payload: string, kinds?: ReadonlySet<string>): string {
  const entries: [string, { fields: readonly string[]; derived?: Audited<Kind>['derived'] }][] = Object.entries(
    AUDITED,
  ).filter(([name]) => kinds === undefined || kinds.has(name));
  if (entries.length === 0) return `'{}'::jsonb`;
  const cases = entries.map(([name, audited]) => {
    const pairs = [
      ...audited.fields.map((field) => `'${field}', ${payload} -> '${field}'`),
      ...Object.entries(audited.derived ?? {}).map(([field, sql]) => `'${field}', ${sql(payload)}`),
    ];
    return `when '${name}' then ${pairs.length > 0 ? `jsonb_build_object(${pairs.join(', ')})` : `'{}'::jsonb`}`;
  });
  return `case ${kind} ${cases.join(' ')} else '{}'::jsonb end`;
}

/**
 * CTEs that write one audit row per entity among the rows the CTE `ch` appended to the change
 * log (which returns `seq, team_id, kind, entity_id, payload, action_id`), in the same statement.
 * `before` is the entity's previous version in the change log — which this statement's own rows
 * are not, as every part of one statement reads the same snapshot — and only the audited fields
 * that differ are kept; a change that alters none of them (a customer shown to one more team)
 * writes no row. An entity whose previous version is its deletion (a customer an undone merge
 * brings back) is written as created: `before` is null. A `delete` is a row of the entity it
 * removed: `before` holds every audited field it had, `after` is `{ "deleted": true }`. Rows are
 * numbered in the order of the changes. `actor`, `type` and `at` are SQL expressions (parameters).
 * `kinds` (auditedKinds; default every kind) are the entity kinds `ch` can hold.
 *
 * `au_diff` is materialized: inlined, its `new` and `old` (with the previous version's lookup)
 * would be copied into every place `au` reads them, then planned and run that many times over —
 * planning that statement took most of an inbound message's time on the embedded store.
 */
export function auditCtes(actor: string, type: string, at: string, kinds?: ReadonlySet<string>): string {
  return `au_new as (
       select entity_kind as kind, entity_id, min(seq) as seq, (array_agg(payload order by seq desc))[1] as payload,
         (array_agg(deletes order by seq desc))[1] as deleted, max(action_id) as action_id,
         coalesce(array_agg(distinct team_id) filter (where team_id is not null), '{}') as team_ids
       from (
         select ch.*, kind = 'delete' as deletes,
           case when kind = 'delete' then payload ->> 'entity' else kind end as entity_kind
         from ch
       ) as named
       group by entity_kind, entity_id
     ), au_diff as materialized (
       select n.seq, n.kind, n.entity_id, n.action_id, n.team_ids, n.deleted,
         case when n.deleted then '{"deleted": true}'::jsonb else ${auditedFields('n.kind', 'n.payload', kinds)} end as new,
         (select case when p.kind = 'delete' then null else ${auditedFields('p.kind', 'p.payload', kinds)} end
          from (
            (select kind, payload, seq from changes where kind = n.kind and entity_id = n.entity_id
             order by seq desc limit 1)
            union all
            (select kind, payload, seq from changes where kind = 'delete' and entity_id = n.entity_id
               and payload ->> 'entity' = n.kind
             order by seq desc limit 1)
          ) as p order by p.seq desc limit 1) as old
       from au_new n
     ), au as (
       insert into audit_log (at, actor, type, entity_kind, entity_id, before, after, action_id, team_ids)
       select ${at}::bigint, ${actor}::text, ${type}::text, d.kind, d.entity_id,
         case when d.deleted then d.old when d.old is not null then
           (select jsonb_object_agg(e.key, d.old -> e.key) from jsonb_each(d.new) as e
            where d.old -> e.key is distinct from e.value) end,
         case when d.deleted or d.old is null then d.new else
           (select jsonb_object_agg(e.key, e.value) from jsonb_each(d.new) as e
            where d.old -> e.key is distinct from e.value) end,
         d.action_id, d.team_ids
       from au_diff d
       where d.old is null or d.old <> d.new
       order by d.seq
     )`;
}

/** An audit row of what no change row carries (an admin's change engines never hold). */
export interface AuditRowInput {
  at: number;
  actor: string;
  type: AuditType;
  entity: { kind: string; id: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  /** The teams whose leads may read it; none: every lead. */
  teamIds?: readonly string[];
}

/** Writes one audit row, inside the caller's transaction. */
export async function insertAuditRow(tx: Sql, row: AuditRowInput): Promise<void> {
  await tx.query(
    `insert into audit_log (at, actor, type, entity_kind, entity_id, before, after, action_id, team_ids)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, null, $8::text[])`,
    [
      row.at,
      row.actor,
      row.type,
      row.entity.kind,
      row.entity.id,
      row.before === null ? null : JSON.stringify(row.before),
      JSON.stringify(row.after),
      [...new Set(row.teamIds ?? [])],
    ],
  );
}

/** Whose rows a reader may see: every row (admins), or the rows of their teams and of no team (leads). */
export type AuditScope = { all: true } | { all: false; teamIds: readonly string[] };

interface AuditRow {
  id: string | number;
  at: string | number;
  actor: string;
  type: string;
  entity_kind: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  action_id: string | null;
}

/** Audit rows matching every filter of `query`, newest first, one page. */
export async function listAudit(sql: Sql, query: AuditQuery, scope: AuditScope): Promise<AuditPage> {
  const rows = await sql.query<AuditRow>(
    `select id, at, actor, type, entity_kind, entity_id, before, after, action_id from audit_log
     where ($1::text is null or (entity_kind = $1 and entity_id = $2))
       and ($3::text is null or actor = $3)
       and ($4::text is null or type = $4)
       and ($5::bigint is null or at >= $5)
       and ($6::bigint is null or at <= $6)
       and ($7::bigint is null or id < $7)
       and ($8::boolean or team_ids = '{}' or team_ids && $9::text[])
       and ($11::text is null or action_id = $11)
     order by id desc
     limit $10`,
    [
      query.entity?.kind ?? null,
      query.entity?.id ?? null,
      query.actor ?? null,
      query.type ?? null,
      query.from ?? null,
      query.to ?? null,
      query.before ?? null,
      scope.all,
      scope.all ? [] : [...scope.teamIds],
      query.limit + 1,
      query.actionId ?? null,
    ],
  );
  const entries = rows.slice(0, query.limit).map(toEntry);
  const last = entries.at(-1);
  return { entries, next: rows.length > query.limit && last ? last.id : null };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: num(row.id),
    at: num(row.at),
    actor: row.actor,
    type: row.type,
    entity: { kind: row.entity_kind, id: row.entity_id },
    before: row.before,
    after: row.after,
    actionId: row.action_id,
  };
}
