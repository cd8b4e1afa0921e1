// A team's service levels: its leads and admins set the business calendar, time zone and each
// channel's targets (shared/domain/sla.ts). The team's change carries them to every engine, which
// computes each conversation's due times with them; the change's audit row records old and new.
import type { Team, User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { mayIn, reachOf } from '../../shared/domain/permissions';
import { SlaPolicy } from '../../shared/domain/sla';
import { appendChanges } from '../db/changes';
import type { AppendedChanges } from '../db/changes';
import type { Sql } from '../db/sql';
import { lockTeam, setTeamSla } from '../db/team-sla';

/**
 * Sets `teamId`'s service levels (null: back to the default policy). Another team's id is answered
 * as if it did not exist; a policy that does not parse is refused with what is wrong with it.
 */
export async function changeTeamSla(
  sql: Sql,
  actor: User,
  teamId: string,
  sla: SlaPolicy | null,
  now: number,
): Promise<{ team: Team; changes: AppendedChanges }> {
  if (reachOf(actor.role, 'manageSla') === 'none')
    throw new CaredeskError('forbidden', "Only team leads and admins may change a team's service levels.");
  if (!mayIn(actor, 'manageSla', teamId)) throw new CaredeskError('not_found', 'That team does not exist.');
  const parsed = sla === null ? null : SlaPolicy.safeParse(sla);
  if (parsed && !parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new CaredeskError(
      'invalid_input',
      `Service levels: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}.`,
    );
  }
  return sql.transaction(async (tx) => {
    if (!(await lockTeam(tx, teamId))) throw new CaredeskError('not_found', 'That team does not exist.');
    const team = await setTeamSla(tx, teamId, parsed ? parsed.data : null);
    if (!team) throw new CaredeskError('not_found', 'That team does not exist.');
    // Teams travel to everyone (like a rename); the audit row keeps the old and the new policy.
    const changes = await appendChanges(tx, [{ teamId: null, change: { kind: 'team', data: team } }], now, {
      actor: actor.id,
      type: 'team_settings',
    });
    return { team, changes };
  });
}
