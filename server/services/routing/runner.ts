import type { AppendedChanges } from '../../db/changes';
import { listRoutedTeams } from '../../db/routing';
import type { Sql } from '../../db/sql';
import { routeTeam } from './route';
import type { RouteOutcome, TeamPresence } from './route';

export interface RoutingOptions {
  /** How often every routed team gets a pass; default 15 s. */
  intervalMs?: number;
  /** Test-only: presence instead of the socket server's. */
  presence?: TeamPresence;
}

export interface Router {
  /** A pass over these teams soon (a conversation of theirs opened or came back to the queue). */
  wake(teamIds: readonly string[]): void;
  /** A pass over every routed team now; resolves when it is done. */
  sweep(): Promise<RouteOutcome[]>;
  stop(): Promise<void>;
}

/**
 * Runs routing in this process: a pass over every routed team on a timer, and over a team when
 * woken. Every server process runs one; the team's advisory lock makes one of them decide.
 */
export function startRouting(deps: {
  sql: Sql;
  clock: () => number;
  presence: TeamPresence;
  poke: (changes: AppendedChanges) => void;
  log: (error: unknown) => void;
  intervalMs: number;
}): Router {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  /** Teams a pass is queued for that has not started yet: a wake for them adds nothing. */
  const queued = new Set<string>();

  // Passes run one after another in a process, so a wake during a pass is served right after it.
  const pass = (teamIds: readonly string[] | null): Promise<RouteOutcome[]> => {
    const run = running.then(async () => {
      if (stopped) return [];
      for (const id of teamIds ?? []) queued.delete(id);
      const teams = teamIds ?? (await listRoutedTeams(deps.sql));
      const outcomes: RouteOutcome[] = [];
      for (const teamId of teams) {
        if (stopped) break;
        // One team failing (its presence unreadable, a statement timing out) does not hold up the others.
        try {
          const outcome = await routeTeam(deps.sql, teamId, deps.presence, deps.clock());
          deps.poke(outcome.changes);
          outcomes.push(outcome);
        } catch (error) {
          if (!stopped) deps.log(error);
        }
      }
      return outcomes;
    });
    running = run.catch((error: unknown) => {
      if (!stopped) deps.log(error);
    });
    return run;
  };

  const timer = setInterval(() => void pass(null).catch(() => undefined), deps.intervalMs);
  timer.unref();

  return {
    wake: (teamIds) => {
      const fresh = teamIds.filter((id) => !queued.has(id));
      if (fresh.length === 0) return;
      for (const id of fresh) queued.add(id);
      void pass(fresh).catch(() => undefined);
    },
    sweep: () => pass(null),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
