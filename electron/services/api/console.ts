// The lead console: figures over the teams this engine holds, for leads and admins.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { consoleOverview } from '../db/console';
import type { Db } from '../db/open';
import type { LookupClient } from '../sync/lookups';

interface ConsoleDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
  lookups: LookupClient;
}

function requireLead(deps: ConsoleDeps, what: string): User {
  const user = deps.requireUser();
  if (user.role === 'rep') throw new CaredeskError('forbidden', `${what} is for team leads and admins.`);
  return user;
}

export function consoleHandlers(deps: ConsoleDeps): Pick<ApiHandlers, 'console:overview' | 'audit:search'> {
  return {
    'console:overview': ({ teamId, days, tzOffsetMinutes, assignee }) => {
      const user = requireLead(deps, 'The console');
      if (teamId !== null && !user.teamIds.includes(teamId)) {
        throw new CaredeskError('not_found', 'That team is not one of yours.');
      }
      const teamIds = teamId === null ? user.teamIds : [teamId];
      return Promise.resolve(consoleOverview(deps.db, { teamIds, days, tzOffsetMinutes, assignee, now: deps.clock() }));
    },

    // The server decides which rows the user may read; the engine only spares a rep the round trip.
    'audit:search': (query) => {
      requireLead(deps, 'The audit log');
      return deps.lookups.lookup('audit', query);
    },
  };
}
