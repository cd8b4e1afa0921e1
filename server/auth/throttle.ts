import { CaredeskError } from '../../shared/domain/errors';

interface ThrottleOptions {
  clock: () => number;
  /** Failed sign-ins per email within `windowMs` before that email is refused; default 10. */
  maxPerEmail?: number;
  /** Failed sign-ins per remote address within `windowMs` (a shared office NAT counts once); default 30. */
  maxPerAddress?: number;
  /** Default 15 minutes. */
  windowMs?: number;
}

/** Entries beyond this trigger a sweep of expired ones, so memory stays bounded by the attack rate. */
const SWEEP_ABOVE = 10_000;

/** One attempt as counted under one key; compared by identity, so an attempt is uncounted exactly once. */
interface Counted {
  at: number;
}

/**
 * A sign-in attempt, counted as a failure from the moment it is let through: the password check
 * takes tens of milliseconds, and attempts that arrive meanwhile must already see it counted.
 */
export interface SignInAttempt {
  /** The password was wrong: the attempt stays counted. */
  failed(): void;
  /** The password was right: the email's failures are forgotten; the address no longer counts this one. */
  succeeded(): void;
  /** Nothing was checked (e.g. storage failed): the attempt no longer counts. */
  abandoned(): void;
}

/**
 * In-memory sign-in throttle of one server process: after too many failed sign-ins for one email,
 * or from one remote address, within a sliding window, further attempts (even with the right
 * password) are refused with `rate_limited` until the oldest failure leaves the window. Attempts
 * still being checked count as failures, so concurrent guesses cannot get past the limit.
 */
export class SignInThrottle {
  private readonly attempts = new Map<string, Counted[]>();
  private readonly clock: () => number;
  private readonly windowMs: number;
  private readonly maxPerEmail: number;
  private readonly maxPerAddress: number;

  constructor(options: ThrottleOptions) {
    this.clock = options.clock;
    this.windowMs = options.windowMs ?? 15 * 60 * 1000;
    this.maxPerEmail = options.maxPerEmail ?? 10;
    this.maxPerAddress = options.maxPerAddress ?? 30;
  }

  /**
   * Counts an attempt for the email and address before its password is checked; throws
   * `rate_limited` (counting nothing) while either key is at its limit.
   */
  reserve(email: string, address: string | undefined): SignInAttempt {
    const now = this.clock();
    const keys: Array<[key: string, max: number]> = [[emailKey(email), this.maxPerEmail]];
    if (address) keys.push([addressKey(address), this.maxPerAddress]);
    const wait = Math.max(...keys.map(([key, max]) => this.waitMs(key, max, now)));
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new CaredeskError(
        'rate_limited',
        `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      );
    }
    if (this.attempts.size > SWEEP_ABOVE) this.sweep(now);
    const counted = keys.map(([key]) => {
      const entry: Counted = { at: now };
      this.attempts.set(key, [...this.recent(key, now), entry]);
      return { key, entry };
    });
    const uncount = (only?: string) => {
      for (const { key, entry } of counted) {
        if (only !== undefined && key !== only) continue;
        const left = (this.attempts.get(key) ?? []).filter((other) => other !== entry);
        if (left.length === 0) this.attempts.delete(key);
        else this.attempts.set(key, left);
      }
    };
    return {
      failed: () => undefined,
      succeeded: () => {
        this.attempts.delete(emailKey(email));
        if (address) uncount(addressKey(address));
      },
      abandoned: () => uncount(),
    };
  }

  /** How long until `key` is under `max` again; 0 when it is. */
  private waitMs(key: string, max: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < max) return 0;
    const oldestCounted = times[times.length - max]?.at ?? now;
    return oldestCounted + this.windowMs - now;
  }

  private recent(key: string, now: number): Counted[] {
    const times = (this.attempts.get(key) ?? []).filter((entry) => entry.at > now - this.windowMs);
    if (times.length === 0) this.attempts.delete(key);
    else this.attempts.set(key, times);
    return times;
  }

  private sweep(now: number): void {
    for (const key of [...this.attempts.keys()]) this.recent(key, now);
  }
}

function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
