import { z } from 'zod';
import type { User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { storableText } from '../../shared/sync/text';
import { listTeams, setTeamMember } from '../db/accounts';
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
  if (actor.role === 'rep') throw new CaredeskError('forbidden', 'Only leads and admins may change team membership.');
  // Every signed-in user sees every team, so saying that a team does not exist reveals nothing.
  if (!(await listTeams(sql)).some((team) => team.id === request.teamId)) {
    throw new CaredeskError('not_found', 'That team does not exist.');
  }
  if (actor.role === 'lead' && !actor.teamIds.includes(request.teamId)) {
    throw new CaredeskError('forbidden', 'Leads may change the membership of their own teams only.');
  }
  const result = await sql.transaction((tx) =>
    setTeamMember(tx, request.teamId, request.userId, request.member, now, actor.id),
  );
  if (!result) throw new CaredeskError('not_found', 'That user does not exist.');
  return result;
}
