// A team's own service levels (migration 019; services/sla-settings.ts). They travel with the team's
// changes, so every engine computes due times with its team's calendar.
import type { Team } from '../../shared/domain/entities';
import type { SlaPolicy } from '../../shared/domain/sla';
import { json } from './sql';
import type { Sql } from './sql';

/** The team with its row locked until the transaction ends; null when it does not exist. */
export async function lockTeam(tx: Sql, teamId: string): Promise<Team | null> {
  const rows = await tx.query<Team>('select id, name, sla from teams where id = $1 for update', [teamId]);
  return rows[0] ?? null;
}

/** Stores `sla` (null: the default policy) and returns the team as it now is. */
export async function setTeamSla(tx: Sql, teamId: string, sla: SlaPolicy | null): Promise<Team | null> {
  const rows = await tx.query<Team>('update teams set sla = $2::text::jsonb where id = $1 returning id, name, sla', [
    teamId,
    sla === null ? null : json(sla),
  ]);
  return rows[0] ?? null;
}
