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

/**
 * In-memory sign-in throttle of one server process: after too many failed sign-ins for one email,
 * or from one remote address, within a sliding window, further attempts (even with the right
 * password) are refused with `rate_limited` until the oldest failure leaves the window.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
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

  /** Throws `rate_limited` while either key is over its limit. */
  check(email: string, address: string | undefined): void {
    const now = this.clock();
    const waits = [this.waitMs(emailKey(email), this.maxPerEmail, now)];
    if (address) waits.push(this.waitMs(addressKey(address), this.maxPerAddress, now));
    const wait = Math.max(...waits);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new CaredeskError(
        'rate_limited',
        `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      );
    }
  }

  recordFailure(email: string, address: string | undefined): void {
    const now = this.clock();
    if (this.failures.size > SWEEP_ABOVE) this.sweep(now);
    for (const key of address ? [emailKey(email), addressKey(address)] : [emailKey(email)]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.set(key, times);
    }
  }

  /** A successful sign-in forgets the email's failures (not the address's). */
  recordSuccess(email: string): void {
    this.failures.delete(emailKey(email));
  }

  /** How long until `key` is under `max` again; 0 when it is. */
  private waitMs(key: string, max: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < max) return 0;
    const oldestCounted = times[times.length - max] ?? now;
    return oldestCounted + this.windowMs - now;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}

function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
