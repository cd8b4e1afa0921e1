// The rep's canned resolutions, their own and their teams': the server's copy (changes addressed to
// this user or their teams), seen through the rep's library actions not yet in that copy.
import { ResolutionThen } from '../../../shared/domain';
import type { CannedResolution, User } from '../../../shared/domain';
import { Action, applyToLibrary, isOnNoConversation, resolutionColumns } from '../../../shared/sync';
import type { Db } from './open';
import { prepared } from './statements';

export function upsertResolution(db: Db, resolution: CannedResolution): void {
  prepared(
    db,
    `INSERT INTO canned_resolutions (id, owner_id, title, body, updated_at, team_id, then_json)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, title = excluded.title, body = excluded.body,
       updated_at = excluded.updated_at, team_id = excluded.team_id, then_json = excluded.then_json`,
  ).run(...resolutionColumns(resolution));
}

/** The rep left these teams: their libraries go with their conversations. */
export function dropTeamResolutions(db: Db, teamIds: readonly string[]): void {
  prepared(db, 'DELETE FROM canned_resolutions WHERE team_id IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(teamIds),
  );
}

export function deleteResolution(db: Db, id: string): void {
  prepared(db, 'DELETE FROM canned_resolutions WHERE id = ?').run(id);
}

interface Row {
  id: string;
  owner_id: string;
  title: string;
  body: string;
  updated_at: number;
  team_id: string | null;
  then_json: string | null;
}

export interface ResolutionView extends CannedResolution {
  /** A change of the rep's own that has not reached the server yet. */
  pending: boolean;
}

/**
 * The rep's canned resolutions (their own and their teams') as they see them: the server's copy with their library actions
 * applied on top, in the order they were made, by the rule the server runs (an action already in
 * the copy changes nothing when applied again). Sorted by title.
 */
export function resolutionsView(db: Db, actor: User): ResolutionView[] {
  const rows = prepared(
    db,
    'SELECT id, owner_id, title, body, updated_at, team_id, then_json FROM canned_resolutions',
  ).all() as Row[];
  let items: CannedResolution[] = rows.map((row) => ({
    id: row.id,
    ownerId: row.owner_id,
    title: row.title,
    body: row.body,
    updatedAt: row.updated_at,
    ...(row.team_id === null ? {} : { teamId: row.team_id }),
    ...(row.then_json === null ? {} : { then: ResolutionThen.parse(JSON.parse(row.then_json)) }),
  }));
  const pending = new Set<string>();
  const entries = prepared(
    db,
    `SELECT payload, created_at, state FROM outbox
     WHERE state IN ('pending', 'acked') AND type IN ('saveResolution', 'deleteResolution') ORDER BY seq`,
  ).all() as { payload: string; created_at: number; state: string }[];
  for (const entry of entries) {
    const action = Action.parse(JSON.parse(entry.payload));
    if (!isOnNoConversation(action)) continue;
    const before = items;
    items = applyToLibrary(items, action, { actor, items, now: entry.created_at });
    if (entry.state !== 'pending') continue;
    for (const item of items) if (!before.includes(item)) pending.add(item.id);
  }
  return items
    .map((item) => ({ ...item, pending: pending.has(item.id) }))
    .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}
