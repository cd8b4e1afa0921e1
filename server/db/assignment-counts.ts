// How conversations changed hands in a time range, counted from the audit log (db/audit.ts): each
// conversation row whose assignee changed says from whom to whom, and whether routing did it.
import type { AssignmentCounts } from '../../shared/sync/lookups';
import { num } from './sql';
import type { Sql } from './sql';

/** Counts for the rows of `teamIds` (undefined: every team) written in [from, to). */
export async function assignmentCounts(
  sql: Sql,
  teamIds: readonly string[] | undefined,
  range: { from: number; to: number },
): Promise<AssignmentCounts> {
  const rows = await sql.query<Record<keyof AssignmentCounts, string | number>>(
    `select
       count(*) filter (where type <> 'routing' and before ->> 'assigneeId' is null and after ->> 'assigneeId' is not null) as assigned,
       count(*) filter (where before ->> 'assigneeId' is not null and after ->> 'assigneeId' is not null) as reassigned,
       count(*) filter (where before ->> 'assigneeId' is not null and after ->> 'assigneeId' is null) as returned,
       count(*) filter (where type = 'routing' and before ->> 'assigneeId' is null and after ->> 'assigneeId' is not null) as routed
     from audit_log
     where entity_kind = 'conversation' and before ? 'assigneeId' and at >= $1 and at < $2
       and ($3::boolean or team_ids && $4::text[])`,
    [range.from, range.to, teamIds === undefined, teamIds === undefined ? [] : [...teamIds]],
  );
  const row = rows[0];
  return {
    assigned: num(row?.assigned ?? 0),
    reassigned: num(row?.reassigned ?? 0),
    returned: num(row?.returned ?? 0),
    routed: num(row?.routed ?? 0),
  };
}
