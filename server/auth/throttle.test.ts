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
      fail: (email: string, address: string | undefined) => throttle.reserve(email, address).failed(),
    };
  }

  it('refuses an email after 10 failures in 15 minutes, until the oldest leaves the window', () => {
    const { throttle, advance, fail } = setup();
    for (let i = 0; i < 10; i++) {
      fail('Pat@Example.com', '10.0.0.1');
      advance(MINUTE);
    }
    // Same email in another spelling, from another address.
    expect(() => throttle.reserve(' pat@example.com', '10.0.0.2')).toThrow(
      expect.objectContaining({ code: 'rate_limited', message: 'Too many failed sign-ins. Try again in 5 minutes.' }),
    );
    throttle.reserve('someone@example.com', '10.0.0.1').abandoned();
    advance(5 * MINUTE - 1);
    expect(() => throttle.reserve('pat@example.com', '10.0.0.1')).toThrow(/Try again in 1 minute\./);
    advance(1);
    expect(() => throttle.reserve('pat@example.com', '10.0.0.1')).not.toThrow();
  });

  it('counts an attempt from the moment it is let through, before its password is checked', () => {
    const { throttle } = setup({ maxPerEmail: 3 });
    const pending = [0, 1, 2].map(() => throttle.reserve('pat@example.com', '10.0.0.1'));
    expect(() => throttle.reserve('pat@example.com', '10.0.0.1')).toThrow(
      expect.objectContaining({ code: 'rate_limited' }),
    );
    // An attempt that checked nothing (storage failed) frees its place; a failed one keeps it.
    pending[0]?.abandoned();
    pending[1]?.failed();
    const next = throttle.reserve('pat@example.com', '10.0.0.1');
    expect(() => throttle.reserve('pat@example.com', '10.0.0.1')).toThrow(
      expect.objectContaining({ code: 'rate_limited' }),
    );
    next.failed();
    pending[2]?.failed();
    expect(() => throttle.reserve('pat@example.com', '10.0.0.1')).toThrow(
      expect.objectContaining({ code: 'rate_limited' }),
    );
  });

  it('refuses an address after its own limit, across emails', () => {
    const { throttle, advance, fail } = setup({ maxPerAddress: 3 });
    for (const email of ['a@x.com', 'b@x.com', 'c@x.com']) fail(email, '10.0.0.9');
    expect(() => throttle.reserve('d@x.com', '10.0.0.9')).toThrow(expect.objectContaining({ code: 'rate_limited' }));
    expect(() => throttle.reserve('d@x.com', '10.0.0.8')).not.toThrow();
    expect(() => throttle.reserve('e@x.com', undefined)).not.toThrow();
    advance(15 * MINUTE);
    expect(() => throttle.reserve('d@x.com', '10.0.0.9')).not.toThrow();
  });

  it('forgets an email’s failures on success, but not the address’s, and does not count the success', () => {
    const { throttle, fail } = setup({ maxPerEmail: 3, maxPerAddress: 4 });
    fail('a@x.com', '10.0.0.1');
    fail('a@x.com', '10.0.0.1');
    throttle.reserve('a@x.com', '10.0.0.1').succeeded();
    // The email starts afresh: three more failures (from elsewhere) before it is refused.
    for (let i = 0; i < 3; i++) fail('a@x.com', '10.0.0.2');
    expect(() => throttle.reserve('a@x.com', '10.0.0.3')).toThrow(expect.objectContaining({ code: 'rate_limited' }));
    // The address keeps its two failures and one more makes three: the success was not counted.
    fail('b@x.com', '10.0.0.1');
    const fourth = throttle.reserve('c@x.com', '10.0.0.1');
    fourth.failed();
    expect(() => throttle.reserve('d@x.com', '10.0.0.1')).toThrow(expect.objectContaining({ code: 'rate_limited' }));
  });
});
