// Who may do what, in one place: role × operation → how far the role reaches. The server enforces
// every row (server/permissions.test.ts runs each cell against it); shared/domain/README.md shows
// the same table, and a test keeps the two equal.
import type { Role, User } from './entities';

/**
 * - `none`: refused (`forbidden`);
 * - `own`: only what is the actor's own (their own canned resolutions; a conversation that is
 *   unassigned or assigned to them);
 * - `teams`: anything of the teams the actor belongs to (admins belong to every team);
 * - `all`: the whole organisation.
 *
 * Whatever the reach, an id of another team's conversation is answered as if it did not exist
 * (`not_found`) and changes nothing.
 */
export type Reach = 'none' | 'own' | 'teams' | 'all';

export const PERMISSIONS = {
  /** Pull the queue (conversations, messages, notes, customers, orders), hear its pokes and presence. */
  readQueue: { rep: 'teams', lead: 'teams', admin: 'teams' },
  /**
   * Reply, note, resolve or reopen, snooze, tag, link, reject a link, retry, undo a merge, split an
   * identity; cancel, readdress, reship or refund an order (a refund above the actor's limit waits).
   */
  workConversation: { rep: 'teams', lead: 'teams', admin: 'teams' },
  /** Assign or unassign, one conversation or many. */
  assign: { rep: 'own', lead: 'teams', admin: 'teams' },
  /** Set a conversation's priority or return it to automatic (a rep: one unassigned or their own). */
  prioritize: { rep: 'own', lead: 'teams', admin: 'teams' },
  /** Approve or decline a refund that waits for approval (a rep's above their refund limit). */
  approveRefund: { rep: 'none', lead: 'teams', admin: 'teams' },
  /** Save or delete a personal canned resolution. */
  personalLibrary: { rep: 'own', lead: 'own', admin: 'own' },
  /** Save or delete a team's canned resolution. */
  teamLibrary: { rep: 'none', lead: 'teams', admin: 'teams' },
  /** Search customers and open one (its identities and orders; its conversations of the actor's teams only). */
  findCustomers: { rep: 'all', lead: 'all', admin: 'all' },
  /** Read the audit log (a lead: rows of their teams and of no team). */
  readAudit: { rep: 'none', lead: 'teams', admin: 'all' },
  /** Post an inbound message through the API. */
  postInbound: { rep: 'none', lead: 'teams', admin: 'all' },
  /** Add a user to a team or take them out. */
  changeMembership: { rep: 'none', lead: 'teams', admin: 'all' },
  /** See and change a team's automatic routing: mode, capacities, reps' skills, offline return. */
  manageRouting: { rep: 'none', lead: 'teams', admin: 'teams' },
  /** Erase a customer and everything of theirs (server README "Erasure"). */
  eraseCustomer: { rep: 'none', lead: 'none', admin: 'all' },
  /** Read a team's satisfaction scores and set the survey question it sends on resolving. */
  manageCsat: { rep: 'none', lead: 'teams', admin: 'teams' },
  /** Set a team's service levels: its business calendar and time zone, and each channel's targets. */
  manageSla: { rep: 'none', lead: 'teams', admin: 'teams' },
  /** List users; create one, change their name, role or refund limit, deactivate or reactivate them. */
  manageUsers: { rep: 'none', lead: 'none', admin: 'all' },
  /** List, create and rename teams. */
  manageTeams: { rep: 'none', lead: 'none', admin: 'all' },
  /** List, add, change (name, team), remove and test the brand's channel accounts. */
  manageChannels: { rep: 'none', lead: 'none', admin: 'all' },
} as const satisfies Record<string, Record<Role, Reach>>;

export type Operation = keyof typeof PERMISSIONS;
export const OPERATIONS = Object.keys(PERMISSIONS) as Operation[];

export function reachOf(role: Role, operation: Operation): Reach {
  return PERMISSIONS[operation][role];
}

/**
 * Whether `actor` may do `operation` on something of `teamId` (null: of no team). `own` is not
 * decided here: the caller knows what belongs to the actor, so it answers false.
 */
export function mayIn(actor: User, operation: Operation, teamId: string | null): boolean {
  const reach = reachOf(actor.role, operation);
  if (reach === 'all') return true;
  if (reach !== 'teams') return false;
  return teamId === null || actor.teamIds.includes(teamId);
}

/** Teams whose things `actor` reaches for `operation`: undefined means every team. */
export function teamsReached(actor: User, operation: Operation): readonly string[] | undefined {
  const reach = reachOf(actor.role, operation);
  if (reach === 'all') return undefined;
  return reach === 'teams' ? actor.teamIds : [];
}
