// Alerts leads and admins when a waiting customer's response target passes, or an open
// conversation's resolution target (shared/domain/sla.ts), once per conversation and target,
// each under its team's service levels, checked every `intervalMs` by the engine's clock.
import type { EventPayload } from '../../../shared/api';
import type { User } from '../../../shared/domain';
import { slaStateAt } from '../../../shared/domain/sla';
import type { Db } from '../db/open';
import { openSubjects } from '../db/sla';
import type { PolicyOf } from '../db/sla';

interface SlaWatchDeps {
  db: Db;
  clock: () => number;
  /** The signed-in user, or null. */
  user: () => User | null;
  emit: (payload: EventPayload<'sla:breached'>) => void;
  log: (message: string, error: unknown) => void;
  intervalMs?: number;
  /** Each team's service levels; default: the cached teams' own. */
  policyOf?: PolicyOf;
}

export interface SlaWatch {
  /** Checks now; answers the breaches it reported. */
  check(): EventPayload<'sla:breached'>['breaches'];
  start(): void;
  stop(): void;
}

export function createSlaWatch(deps: SlaWatchDeps): SlaWatch {
  /** `conversation:kind:dueAt` already reported: a later target of the same conversation is new. */
  const reported = new Set<string>();
  let timer: ReturnType<typeof setInterval> | null = null;

  function check(): EventPayload<'sla:breached'>['breaches'] {
    const user = deps.user();
    if (!user || user.role === 'rep') return [];
    const now = deps.clock();
    const breaches = openSubjects(deps.db, user.teamIds, deps.policyOf).flatMap((subject) => {
      const response = subject.waitingSince !== null && subject.due?.kind !== 'resolution' ? subject.due : null;
      return [response, subject.resolution].flatMap((due) => {
        if (!due || slaStateAt(due, now, subject.policy).state !== 'breached') return [];
        const key = `${subject.id}:${due.kind}:${due.dueAt}`;
        if (reported.has(key)) return [];
        reported.add(key);
        return [{ conversationId: subject.id, customerName: subject.customerName, kind: due.kind, dueAt: due.dueAt }];
      });
    });
    if (breaches.length > 0) deps.emit({ breaches });
    return breaches;
  }

  return {
    check,
    start() {
      timer ??= setInterval(() => {
        try {
          check();
        } catch (error) {
          deps.log('Checking service levels failed', error);
        }
      }, deps.intervalMs ?? 60_000);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
