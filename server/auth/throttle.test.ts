import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './throttle';

const MINUTE = 60_000;

describe('SignInThrottle', () => {
  function setup(options: { maxPerEmail?: number; maxPerAddress?: number } = {}) {
    let now = 1_750_000_000_000;
    const throttle = new SignInThrottle({ clock: () => now, ...options });
    return {
      throttle,
      advance: (ms: number) => (now += ms),
    };
  }

  it('refuses an email after 10 failures in 15 minutes, until the oldest leaves the window', () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 10; i++) {
      expect(() => throttle.check('Pat@Example.com', '10.0.0.1')).not.toThrow();
      throttle.recordFailure('Pat@Example.com', '10.0.0.1');
      advance(MINUTE);
    }
    // Same email in another spelling, from another address.
    expect(() => throttle.check(' pat@example.com', '10.0.0.2')).toThrow(
      expect.objectContaining({ code: 'rate_limited', message: 'Too many failed sign-ins. Try again in 5 minutes.' }),
    );
    expect(() => throttle.check('someone@example.com', '10.0.0.1')).not.toThrow();
    advance(5 * MINUTE - 1);
    expect(() => throttle.check('pat@example.com', '10.0.0.1')).toThrow(/Try again in 1 minute\./);
    advance(1);
    expect(() => throttle.check('pat@example.com', '10.0.0.1')).not.toThrow();
  });

  it('refuses an address after its own limit, across emails', () => {
    const { throttle, advance } = setup({ maxPerAddress: 3 });
    for (const email of ['a@x.com', 'b@x.com', 'c@x.com']) throttle.recordFailure(email, '10.0.0.9');
    expect(() => throttle.check('d@x.com', '10.0.0.9')).toThrow(expect.objectContaining({ code: 'rate_limited' }));
    expect(() => throttle.check('d@x.com', '10.0.0.8')).not.toThrow();
    expect(() => throttle.check('d@x.com', undefined)).not.toThrow();
    advance(15 * MINUTE);
    expect(() => throttle.check('d@x.com', '10.0.0.9')).not.toThrow();
  });

  it('forgets an email’s failures on success, but not the address’s', () => {
    const { throttle } = setup({ maxPerEmail: 2, maxPerAddress: 3 });
    throttle.recordFailure('a@x.com', '10.0.0.1');
    throttle.recordFailure('a@x.com', '10.0.0.1');
    expect(() => throttle.check('a@x.com', '10.0.0.2')).toThrow();
    throttle.recordSuccess('a@x.com');
    expect(() => throttle.check('a@x.com', '10.0.0.2')).not.toThrow();
    throttle.recordFailure('b@x.com', '10.0.0.1');
    expect(() => throttle.check('c@x.com', '10.0.0.1')).toThrow();
  });
});
