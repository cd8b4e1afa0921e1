// When each fault happens: at a count of queued actions, never at a wall-clock time, so that the
// same seed gives the same schedule however fast the machine is. Durations are seeded too.
import type { Random } from './random';

export type Fault =
  /** `reset` cuts every connection and refuses new ones; `blackhole` keeps them open and drops every byte (acks time out), then resets them. */
  | { kind: 'partition'; at: number; mode: 'reset' | 'blackhole'; durationMs: number }
  /** kill -9 of the server from outside, whatever it is doing. */
  | { kind: 'server-kill'; at: number; downMs: number }
  /** The server kills itself after committing an action and before acking it (the `skip`+1-th one from then). */
  | { kind: 'commit-ack-kill'; at: number; skip: number; downMs: number }
  /** kill -9 of one engine while it writes; restarted on the same data folder. */
  | { kind: 'engine-kill'; at: number; engine: number; downMs: number };
export type FaultKind = Fault['kind'];

export type FaultCounts = Record<FaultKind, number>;

/**
 * Per 10,000 actions: 5 partitions, 3 server kills, 3 kills between commit and ack and 6 engine
 * kills, scaled to the run, never fewer than two partitions, two engine kills and one of each other.
 */
export function defaultFaultCounts(actions: number): FaultCounts {
  return {
    partition: Math.max(2, Math.round(actions / 2000)),
    'server-kill': Math.max(1, Math.round(actions / 3300)),
    'commit-ack-kill': Math.max(1, Math.round(actions / 3300)),
    'engine-kill': Math.max(2, Math.round(actions / 1600)),
  };
}

/**
 * Spreads the faults over 5–85 % of the queued actions: late enough that every engine has
 * signed in and is busy, early enough that traffic remains for the fault to hit (a
 * commit-ack kill needs an action still to commit).
 */
export function planFaults(random: Random, actions: number, engines: number, counts: FaultCounts): Fault[] {
  const at = () => random.int(Math.floor(actions * 0.05), Math.floor(actions * 0.85));
  const faults: Fault[] = [];
  for (let i = 0; i < counts.partition; i++) {
    const mode = i % 2 === 0 ? 'reset' : 'blackhole';
    // A blackhole outlasts the engines' 2 s request timeout, so it loses acks as well as connections.
    const durationMs = mode === 'reset' ? random.int(300, 2000) : random.int(2500, 4000);
    faults.push({ kind: 'partition', at: at(), mode, durationMs });
  }
  for (let i = 0; i < counts['server-kill']; i++)
    faults.push({ kind: 'server-kill', at: at(), downMs: random.int(0, 1000) });
  for (let i = 0; i < counts['commit-ack-kill']; i++) {
    faults.push({ kind: 'commit-ack-kill', at: at(), skip: random.int(0, 20), downMs: random.int(0, 1000) });
  }
  for (let i = 0; i < counts['engine-kill']; i++) {
    // Round robin first, so that every engine is killed once before any is killed twice.
    const engine = i < engines ? i : random.int(0, engines - 1);
    faults.push({ kind: 'engine-kill', at: at(), engine, downMs: random.int(0, 500) });
  }
  return faults.sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind));
}
