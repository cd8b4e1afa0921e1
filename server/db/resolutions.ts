// Canned resolutions. A rep's own ones travel to that rep alone (changes addressed to a user).
import type { CannedResolution } from '../../shared/domain/entities';
import { num } from './sql';
import type { Sql } from './sql';

interface Row {
  id: string;
  owner_id: string;
  title: string;
  body: string;
  updated_at: string | number;
}

const toResolution = (row: Row): CannedResolution => ({
  id: row.id,
  ownerId: row.owner_id,
  title: row.title,
  body: row.body,
  updatedAt: num(row.updated_at),
});

/**
 * The rows an action of `ownerId` may touch, locked: every one the owner keeps, and the rows
 * with `ids` whoever owns them (so an id taken by someone else is refused, not overwritten).
 * The owner's user row is locked first, so two actions of one rep decide one after the other.
 */
export async function lockResolutionsFor(
  tx: Sql,
  ownerId: string,
  ids: readonly string[],
): Promise<CannedResolution[]> {
  await tx.query('select id from users where id = $1 for update', [ownerId]);
  const rows = await tx.query<Row>(
    `select id, owner_id, title, body, updated_at from canned_resolutions
     where owner_id = $1 or id = any($2::text[]) order by id for update`,
    [ownerId, [...ids]],
  );
  return rows.map(toResolution);
}

export async function listResolutions(sql: Sql, ownerId: string): Promise<CannedResolution[]> {
  const rows = await sql.query<Row>(
    'select id, owner_id, title, body, updated_at from canned_resolutions where owner_id = $1 order by id',
    [ownerId],
  );
  return rows.map(toResolution);
}

export async function saveResolutionRow(tx: Sql, resolution: CannedResolution): Promise<void> {
  await tx.query(
    `insert into canned_resolutions (id, owner_id, title, body, updated_at) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set title = excluded.title, body = excluded.body, updated_at = excluded.updated_at
     where canned_resolutions.owner_id = excluded.owner_id`,
    [resolution.id, resolution.ownerId, resolution.title, resolution.body, resolution.updatedAt],
  );
}

export async function deleteResolutionRow(tx: Sql, id: string, ownerId: string): Promise<void> {
  await tx.query('delete from canned_resolutions where id = $1 and owner_id = $2', [id, ownerId]);
}
