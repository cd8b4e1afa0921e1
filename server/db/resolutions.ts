// Canned resolutions. A rep's own ones travel to that rep alone (changes addressed to a user); a
// team's travel to its members (changes addressed to the team).
import { ResolutionThen } from '../../shared/domain/entities';
import type { CannedResolution, User } from '../../shared/domain/entities';
import { resolutionColumns } from '../../shared/sync/actions';
import { num } from './sql';
import type { Sql } from './sql';

interface Row {
  id: string;
  owner_id: string;
  title: string;
  body: string;
  updated_at: string | number;
  team_id: string | null;
  then_actions: unknown;
}

const COLUMNS = 'id, owner_id, title, body, updated_at, team_id, then_actions';

const toResolution = (row: Row): CannedResolution => ({
  id: row.id,
  ownerId: row.owner_id,
  title: row.title,
  body: row.body,
  updatedAt: num(row.updated_at),
  ...(row.team_id === null ? {} : { teamId: row.team_id }),
  ...(row.then_actions === null ? {} : { then: ResolutionThen.parse(row.then_actions) }),
});

/**
 * The rows an action of `actor` may touch, locked: every one they keep, every one of their teams',
 * and the rows with `ids` whoever owns them (so an id taken by someone else is refused, not
 * overwritten). The actor's user row, then the team rows named by `teamIds`, are locked first, so
 * two actions of one rep, or two on one team's library, decide one after the other.
 */
export async function lockResolutionsFor(
  tx: Sql,
  actor: User,
  ids: readonly string[],
  teamIds: readonly string[],
): Promise<CannedResolution[]> {
  await tx.query('select id from users where id = $1 for update', [actor.id]);
  if (teamIds.length > 0) {
    await tx.query('select id from teams where id = any($1::text[]) order by id for update', [[...teamIds]]);
  }
  const rows = await tx.query<Row>(
    `select ${COLUMNS} from canned_resolutions
     where (owner_id = $1 and team_id is null) or team_id = any($2::text[]) or id = any($3::text[])
     order by id for update`,
    [actor.id, [...actor.teamIds], [...ids]],
  );
  return rows.map(toResolution);
}

/** A rep's own canned resolutions and those of their teams. */
export async function listResolutions(
  sql: Sql,
  ownerId: string,
  teamIds: readonly string[] = [],
): Promise<CannedResolution[]> {
  const rows = await sql.query<Row>(
    `select ${COLUMNS} from canned_resolutions
     where (owner_id = $1 and team_id is null) or team_id = any($2::text[]) order by id`,
    [ownerId, [...teamIds]],
  );
  return rows.map(toResolution);
}

export async function saveResolutionRow(tx: Sql, resolution: CannedResolution): Promise<void> {
  await tx.query(
    `insert into canned_resolutions (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7::text::jsonb)
     on conflict (id) do update set title = excluded.title, body = excluded.body, updated_at = excluded.updated_at,
       then_actions = excluded.then_actions
     where canned_resolutions.owner_id = excluded.owner_id
       and canned_resolutions.team_id is not distinct from excluded.team_id`,
    resolutionColumns(resolution),
  );
}

export async function deleteResolutionRow(tx: Sql, resolution: CannedResolution): Promise<void> {
  await tx.query('delete from canned_resolutions where id = $1 and owner_id = $2 and team_id is not distinct from $3', [
    resolution.id,
    resolution.ownerId,
    resolution.teamId ?? null,
  ]);
}
