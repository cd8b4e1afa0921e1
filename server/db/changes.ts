import type { Change, ChangeData } from '../../shared/sync/protocol';
import { auditCtes, auditedKinds } from './audit';
import type { ChangeOrigin } from './audit';
import { json, num } from './sql';
import type { Sql } from './sql';

/**
 * Change log. Writers append inside their transaction after taking this advisory lock, so
 * sequence numbers become visible in commit order: a reader that saw seq N never later finds
 * a committed N-1 it skipped.
 */
const CHANGE_LOG_LOCK = 44_800_002;

/**
 * Who may read a change: one team's members (`teamId`), one user (`userId`: personal canned
 * resolutions, notices meant for one person), or, with neither, every signed-in user (teams, users).
 */
export interface NewChange {
  teamId: string | null;
  /** Set only with `teamId` null. */
  userId?: string | null;
  change: ChangeData;
}

export interface AppendedChanges {
  /** Highest seq appended; 0 when nothing was appended. */
  seq: number;
  /** Teams whose members should be poked; `everyone` when a change had neither team nor user. */
  teamIds: string[];
  /** Users a personal change was addressed to. */
  userIds: string[];
  everyone: boolean;
}

export const NO_CHANGES: AppendedChanges = { seq: 0, teamIds: [], userIds: [], everyone: false };

export async function lockChangeLog(tx: Sql): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
}

/**
 * Must run inside a transaction. `origin` says who made the changes and why: it goes into the
 * audit rows written with them (db/audit.ts), and its action id onto every change row.
 */
export async function appendChanges(
  tx: Sql,
  changes: readonly NewChange[],
  now: number,
  origin: ChangeOrigin,
): Promise<AppendedChanges> {
  if (changes.length === 0) return NO_CHANGES;
  const actionId = origin.actionId ?? null;
  const rows = await tx.query<{ seq: string | number }>(
    `with ${changeLogCtes('$1', '$2', { actionId: actionId !== null, audit: { actor: '$3', type: '$4' }, kinds: auditedKinds(changes) })} select seq from ch`,
    [changeRowsParam(changes, actionId), now, origin.actor, origin.type],
  );
  return appendedFor(changes, Math.max(...rows.map((row) => num(row.seq))));
}

/** The rows `changeLogCtes` appends, as its one JSON parameter. */
export function changeRowsParam(changes: readonly NewChange[], actionId: string | null): string {
  return json(
    changes.map(({ teamId, userId, change }) => ({
      t: teamId,
      u: teamId === null ? (userId ?? null) : null,
      k: change.kind,
      i: change.data.id,
      p: change.data,
      a: actionId,
    })),
  );
}

/**
 * CTEs `log_lock` and `ch`, that append the rows of the parameter `rows` (changeRowsParam)
 * at `at`, returning their seqs from `ch`, and the audit rows of those changes by `audit`'s actor
 * and type (SQL expressions; db/audit.ts). No row (so no seq) exists before the lock is held.
 * With `after` (a CTE of the same statement) the lock, and so every row, waits for that CTE's
 * rows and exists only if it has one. Changes no action wrote leave action_id out (null), as
 * writers did before the column existed. `kinds` (auditedKinds of the rows; default every kind)
 * keeps the audit's SQL to the kinds the rows hold, which is most of what planning it costs.
 */
export function changeLogCtes(
  rows: string,
  at: string,
  options: {
    actionId: boolean;
    after?: string;
    audit: { actor: string; type: string };
    kinds?: ReadonlySet<string>;
  },
): string {
  const [column, value] = options.actionId ? [', action_id', ", c->>'a'"] : ['', ''];
  const after = options.after ? ` from ${options.after}` : '';
  return `log_lock as (select pg_advisory_xact_lock(${CHANGE_LOG_LOCK}) as locked${after}),
     ch as (
       insert into changes (team_id, user_id, kind, entity_id, payload, created_at${column})
       select c->>'t', c->>'u', c->>'k', c->>'i', c->'p', ${at}::bigint${value}
       from log_lock, jsonb_array_elements(${rows}::text::jsonb) with ordinality as e(c, n)
       order by n
       returning seq, team_id, kind, entity_id, payload, action_id
     ),
     ${auditCtes(options.audit.actor, options.audit.type, at, options.kinds)}`;
}

/** Who to poke for `changes`, the highest of whose seqs is `seq`. */
export function appendedFor(changes: readonly NewChange[], seq: number): AppendedChanges {
  if (changes.length === 0) return NO_CHANGES;
  const teamIds = new Set<string>();
  const userIds = new Set<string>();
  let everyone = false;
  for (const { teamId, userId } of changes) {
    if (teamId !== null) teamIds.add(teamId);
    else if (userId) userIds.add(userId);
    else everyone = true;
  }
  return { seq, teamIds: [...teamIds], userIds: [...userIds], everyone };
}

interface ChangePage {
  changes: Change[];
  cursor: number;
  hasMore: boolean;
}

/**
 * Changes after `cursor` visible to members of `teamIds`, to `userId` alone, or to everyone, oldest first:
 * the next `limit` of the log, of which a page carries only the newest version of each entity
 * (a catch-up holds a conversation's every update; a `revoke` or `delete` is the last version of
 * what it removes: shared/sync `changeEntityKey`). Messages and notes are never versions of
 * one another, and a change an action wrote always travels (its engine learns from it that the
 * action was applied). `cursor` is the last seq read, kept or not.
 */
export async function pullChanges(
  sql: Sql,
  teamIds: readonly string[],
  cursor: number,
  limit: number,
  userId: string | null = null,
): Promise<ChangePage> {
  const rows = await sql.query<{
    seq: string | number;
    kind: ChangeData['kind'];
    payload: ChangeData['data'];
    action_id: string | null;
    page_end: string | number;
    more: boolean;
  }>(
    `with ahead as (
       select seq, kind, entity_id, action_id,
         case kind when 'revoke' then 'conversation' when 'delete' then payload ->> 'entity' else kind end as entity_kind
       from changes
       where seq > $1
         and ((team_id is null and user_id is null) or team_id = any($2::text[]) or user_id = $4)
       order by seq
       limit $3 + 1
     ), page as (
       select seq, kind, action_id, max(seq) over (partition by entity_kind, entity_id) as newest
       from (select * from ahead order by seq limit $3) as first
     ), sent as (
       select seq from page
       where seq = newest or kind in ('message', 'note') or action_id is not null
     )
     select c.seq, c.kind, c.payload, c.action_id,
       (select max(seq) from page) as page_end, (select count(*) from ahead) > $3 as more
     from sent join changes c using (seq)
     order by c.seq`,
    [cursor, [...teamIds], limit, userId],
  );
  const changes = rows.map(
    (row) => ({ seq: num(row.seq), actionId: row.action_id, kind: row.kind, data: row.payload }) as Change,
  );
  const first = rows[0];
  return { changes, cursor: first ? num(first.page_end) : cursor, hasMore: first?.more ?? false };
}

export async function latestSeq(sql: Sql): Promise<number> {
  const rows = await sql.query<{ seq: string | number | null }>('select max(seq) as seq from changes');
  return num(rows[0]?.seq ?? 0);
}
