// The lead console: figures over the teams this engine holds, for leads and admins.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { consoleHistory, consoleOverview } from '../db/console';
import type { ConsoleHistory } from '../db/console';
import type { Db } from '../db/open';
import { HttpRoutes } from '../../../shared/sync/http';
import type { LookupClient } from '../sync/lookups';
import { callServer } from './server-call';
import type { ServerCallDeps } from './server-call';

interface ConsoleDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
  lookups: LookupClient;
  /** For a team's settings, which are changed on the server. */
  server: ServerCallDeps;
}

const DAY_MS = 86_400_000;

/** The range's days as the console counts them: today and the days before it, local midnight to now. */
function rangeOf(now: number, days: number, tzOffsetMinutes: number) {
  const east = -tzOffsetMinutes;
  const localMidnight = Math.floor((now + east * 60_000) / DAY_MS) * DAY_MS - east * 60_000;
  return { from: localMidnight - (days - 1) * DAY_MS, to: now + 1, tzOffsetMinutes: east };
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

export function consoleHandlers(
  deps: ConsoleDeps,
): Pick<
  ApiHandlers,
  'console:overview' | 'audit:search' | 'csat:report' | 'csat:set-question' | 'sla:save' | 'console:assignments'
> {
  let histories = new Map<string, ConsoleHistory>();
  const historyFor = (input: Parameters<typeof consoleHistory>[1]) => {
    const key = JSON.stringify([input.teamIds, input.days, input.tzOffsetMinutes, input.assignee]);
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

    'csat:report': ({ teamId, days, tzOffsetMinutes }) => {
      requireLead(deps, 'Satisfaction scores');
      return deps.lookups.lookup('csat', { teamId, ...rangeOf(deps.clock(), days, tzOffsetMinutes) });
    },

    'console:assignments': ({ teamId, days, tzOffsetMinutes }) => {
      requireLead(deps, 'Reassignment counts');
      const { from, to } = rangeOf(deps.clock(), days, tzOffsetMinutes);
      return deps.lookups.lookup('assignments', { teamId, from, to });
    },

    'csat:set-question': async ({ teamId, question }) => {
      requireLead(deps, "A team's survey");
      await saveTeamSetting(deps.server, HttpRoutes.teamCsat(teamId), { question }, "the team's survey");
      return { ok: true as const };
    },

    // The team's change brings the saved policy back to this engine and every other one.
    'sla:save': async ({ teamId, sla }) => {
      requireLead(deps, "A team's service levels");
      await saveTeamSetting(deps.server, HttpRoutes.teamSla(teamId), { sla }, "the team's service levels");
      return { ok: true as const };
    },
  };
}

/** PUTs one of a team's settings on the server; `what` names it in the messages ("the team's survey"). */
async function saveTeamSetting(server: ServerCallDeps, path: string, body: unknown, what: string): Promise<void> {
  await callServer(
    server,
    { path, method: 'PUT', body, timeoutMs: 15_000 },
    {
      signIn: `Sign in again to change ${what}.`,
      offline: `You are offline — ${what} can only be changed on the server. Nothing was changed.`,
      failed: `The server could not change ${what}`,
    },
  );
}
