import { z } from 'zod';
import type { User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { mayIn, reachOf } from '../../shared/domain/permissions';
import { storableText } from '../../shared/sync/text';
import { getUser, listTeams, setTeamMember } from '../db/accounts';
import type { AppendedChanges } from '../db/changes';
import type { Sql } from '../db/sql';

/** Body of POST /api/team-members. The ids are looked up in SQL, so they must be storable text. */
export const MembershipRequest = z.object({
  teamId: storableText(z.string().min(1).max(128)),
  userId: storableText(z.string().min(1).max(128)),
  member: z.boolean(),
});
export type MembershipRequest = z.infer<typeof MembershipRequest>;

interface MembershipResult {
  user: User;
  changes: AppendedChanges;
}

/**
 * Admins change any team, leads only their own. The caller moves the user's sockets between
 * team rooms at once (every server process), so a rep taken out of a team hears nothing more
 * of it — not even a poke — from that moment, before any pull.
 */
export async function changeMembership(
  sql: Sql,
  actor: User,
  request: MembershipRequest,
  now: number,
): Promise<MembershipResult> {
  const reach = reachOf(actor.role, 'changeMembership');
  if (reach === 'none') throw new CaredeskError('forbidden', 'Only leads and admins may change team membership.');
  // Every signed-in user sees every team, so saying that a team does not exist reveals nothing.
  if (!(await listTeams(sql)).some((team) => team.id === request.teamId)) {
    throw new CaredeskError('not_found', 'That team does not exist.');
  }
  if (!mayIn(actor, 'changeMembership', request.teamId)) {
    throw new CaredeskError('forbidden', 'Leads may change the membership of their own teams only.');
  }
  if ((await getUser(sql, request.userId))?.role === 'admin') {
    throw new CaredeskError('invalid_input', 'Admins belong to every team; their membership cannot change.');
  }
  const result = await sql.transaction((tx) =>
    setTeamMember(tx, request.teamId, request.userId, request.member, now, actor.id),
  );
  if (!result) throw new CaredeskError('not_found', 'That user does not exist.');
  return result;
}
