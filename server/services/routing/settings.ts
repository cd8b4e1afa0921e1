import type { User } from '../../../shared/domain/entities';
import { CaredeskError } from '../../../shared/domain/errors';
import { mayIn, reachOf } from '../../../shared/domain/permissions';
import { RoutingSettings } from '../../../shared/domain/routing';
import { listTeams } from '../../db/accounts';
import { getRouting, notMembers, saveRouting } from '../../db/routing';
import type { Sql } from '../../db/sql';

/** Refuses an actor who may not manage the team's routing; an unknown team is `not_found`. */
async function checkManager(sql: Sql, actor: User, teamId: string): Promise<void> {
  if (reachOf(actor.role, 'manageRouting') === 'none') {
    throw new CaredeskError('forbidden', 'Only leads and admins may see or change routing.');
  }
  // Every signed-in user sees every team, so saying that a team does not exist reveals nothing.
  if (!(await listTeams(sql)).some((team) => team.id === teamId)) {
    throw new CaredeskError('not_found', 'That team does not exist.');
  }
  if (!mayIn(actor, 'manageRouting', teamId)) {
    throw new CaredeskError('forbidden', 'Leads may see and change the routing of their own teams only.');
  }
}

/** A team's routing settings, for its leads and admins. */
export async function readRoutingSettings(sql: Sql, actor: User, teamId: string): Promise<RoutingSettings> {
  await checkManager(sql, actor, teamId);
  return (await getRouting(sql, teamId)).settings;
}

/**
 * Replaces a team's routing settings (`raw` is parsed here: a bad one is `invalid_input` saying
 * which field, and nothing is stored). Every rep named must be a member of the team.
 */
export async function writeRoutingSettings(
  sql: Sql,
  actor: User,
  teamId: string,
  raw: unknown,
  now: number,
): Promise<RoutingSettings> {
  await checkManager(sql, actor, teamId);
  const settings = RoutingSettings.parse(raw);
  return sql.transaction(async (tx) => {
    const strangers = await notMembers(
      tx,
      teamId,
      settings.reps.map((rep) => rep.userId),
    );
    if (strangers.length > 0) {
      throw new CaredeskError('invalid_input', `Not members of this team: ${strangers.join(', ')}.`);
    }
    await saveRouting(tx, teamId, settings, now, actor.id);
    return (await getRouting(tx, teamId)).settings;
  });
}
