// The lead console: figures over the teams this engine holds, for leads and admins.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { consoleHistory, consoleOverview } from '../db/console';
import type { ConsoleHistory } from '../db/console';
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

/**
 * The console's history (days, totals, members' replies and first responses) reads every message of
 * the range: it is computed at most once a minute per team and range, while the queue itself is read
 * fresh on every call (each change the engine reports asks again).
 */
export const HISTORY_TTL_MS = 60_000;

export function consoleHandlers(deps: ConsoleDeps): Pick<ApiHandlers, 'console:overview' | 'audit:search'> {
  let histories = new Map<string, ConsoleHistory>();
  const historyFor = (input: Parameters<typeof consoleHistory>[1]) => {
    const key = JSON.stringify([input.teamIds, input.days, input.tzOffsetMinutes]);
    const kept = histories.get(key);
    if (kept && input.now - kept.at < HISTORY_TTL_MS && input.now >= kept.at) return kept;
    if (histories.size >= 16) histories = new Map();
    const fresh = consoleHistory(deps.db, input);
    histories.set(key, fresh);
    return fresh;
  };
  return {
    'console:overview': ({ teamId, days, tzOffsetMinutes, assignee }) => {
      const user = requireLead(deps, 'The console');
      if (teamId !== null && !user.teamIds.includes(teamId)) {
        throw new CaredeskError('not_found', 'That team is not one of yours.');
      }
      const teamIds = teamId === null ? user.teamIds : [teamId];
      const input = { teamIds, days, tzOffsetMinutes, assignee, now: deps.clock() };
      return Promise.resolve(consoleOverview(deps.db, input, historyFor(input)));
    },

    // The server decides which rows the user may read; the engine only spares a rep the round trip.
    'audit:search': (query) => {
      requireLead(deps, 'The audit log');
      return deps.lookups.lookup('audit', query);
    },
  };
}
