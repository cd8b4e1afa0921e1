// The lead console: figures over the teams this engine holds, for leads and admins.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { consoleOverview } from '../db/console';
import type { Db } from '../db/open';

interface ConsoleDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
}

export function consoleHandlers(deps: ConsoleDeps): Pick<ApiHandlers, 'console:overview'> {
  return {
    'console:overview': ({ teamId, days, tzOffsetMinutes, assignee }) => {
      const user = deps.requireUser();
      if (user.role === 'rep') throw new CaredeskError('forbidden', 'The console is for team leads and admins.');
      if (teamId !== null && !user.teamIds.includes(teamId)) {
        throw new CaredeskError('not_found', 'That team is not one of yours.');
      }
      const teamIds = teamId === null ? user.teamIds : [teamId];
      return Promise.resolve(consoleOverview(deps.db, { teamIds, days, tzOffsetMinutes, assignee, now: deps.clock() }));
    },
  };
}
