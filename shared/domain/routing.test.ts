import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING, describeAssignedReason, productLineOf, RoutingSettings } from './routing';

const names: Record<string, string> = { ana: 'Ana', ben: 'Ben' };
const name = (id: string) => names[id] ?? null;

describe('describeAssignedReason', () => {
  it('says the mode, the assignee’s load and who was skipped why', () => {
    expect(
      describeAssignedReason(
        {
          kind: 'routed',
          at: 1,
          mode: 'fewest_open',
          open: 3,
          skipped: [
            { userId: 'ana', why: 'away' },
            { userId: 'zed', why: 'at_capacity' },
          ],
        },
        name,
      ),
    ).toBe('Assigned by routing: fewest open (3), skipped Ana: away; a rep: at capacity');
    // Grouped by reason; more than three names become a count.
    const offline = ['o1', 'o2', 'o3', 'o4'].map((userId) => ({ userId, why: 'offline' as const }));
    expect(
      describeAssignedReason(
        {
          kind: 'routed',
          at: 1,
          mode: 'round_robin',
          open: 1,
          skipped: [{ userId: 'ana', why: 'away' }, ...offline, { userId: 'ben', why: 'away' }],
        },
        name,
      ),
    ).toBe('Assigned by routing: round robin (1), skipped Ana, Ben: away; 4 reps: offline');
    expect(describeAssignedReason({ kind: 'routed', at: 1, mode: 'round_robin', open: 0, skipped: [] }, name)).toBe(
      'Assigned by routing: round robin (0)',
    );
  });

  it('says whose conversation came back and after how long offline', () => {
    expect(describeAssignedReason({ kind: 'returned', at: 1, fromUserId: 'ben', offlineMinutes: 12 }, name)).toBe(
      'Returned to the queue by routing: Ben was offline for 12 min',
    );
  });
});

describe('RoutingSettings', () => {
  it('accepts the defaults and refuses unknown fields, channels and repeated reps', () => {
    expect(RoutingSettings.parse(DEFAULT_ROUTING)).toEqual(DEFAULT_ROUTING);
    expect(RoutingSettings.safeParse({ ...DEFAULT_ROUTING, extra: 1 }).success).toBe(false);
    expect(RoutingSettings.safeParse({ ...DEFAULT_ROUTING, channelMaxOpen: { fax: 1 } }).success).toBe(false);
    const rep = { userId: 'ana', maxOpen: null, languages: [], channels: [], productLines: [' Bikes '] };
    expect(RoutingSettings.parse({ ...DEFAULT_ROUTING, reps: [rep] }).reps[0]?.productLines).toEqual(['bikes']);
    expect(RoutingSettings.safeParse({ ...DEFAULT_ROUTING, reps: [rep, rep] }).success).toBe(false);
  });
});

describe('productLineOf', () => {
  it('reads the product line from a product: tag, if any', () => {
    expect(productLineOf(['vip', 'product:bikes'])).toBe('bikes');
    expect(productLineOf(['vip'])).toBeNull();
    expect(productLineOf(['product:'])).toBeNull();
  });
});
