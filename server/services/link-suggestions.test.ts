import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTO_LINK_CONFIDENCE } from '../../shared/domain/link-suggestions';
import { automaticLink, autoLinkFromEnv, candidates, evidenceKeys, mergeSuggestions } from './link-suggestions';

const NOW = 1_800_000_000_000;

describe('what a message says about its sender', () => {
  it('reads order and tracking numbers, emails and phones in their stored forms', () => {
    expect(
      evidenceKeys('Order #1042 to Pat.Doe@Example.com, call 020 7946 0958, parcel 1Z999AA10123456784', 'GB', NOW),
    ).toEqual({
      orderNumbers: ['#1042', '1042'],
      trackingNumbers: ['1Z999AA10123456784'],
      emails: ['pat.doe@example.com'],
      phones: ['+442079460958'],
    });
    expect(evidenceKeys('my parcel 1z999aa10123456784 is stuck', 'US', NOW).trackingNumbers).toEqual([
      '1Z999AA10123456784',
    ]);
    expect(evidenceKeys('hello, any news?', 'US', NOW)).toEqual({
      orderNumbers: [],
      trackingNumbers: [],
      emails: [],
      phones: [],
    });
  });

  it('links automatically only when exactly one customer reaches the threshold', () => {
    const found = candidates(
      [
        { customerId: 'ana', customerName: 'Ana', kind: 'order', value: '#1' },
        { customerId: 'ana', customerName: 'Ana', kind: 'email', value: 'a@x.y' },
        { customerId: 'bo', customerName: 'Bo', kind: 'order', value: '#2' },
      ],
      'm1',
    );
    expect(found.map((c) => [c.customerId, c.confidence])).toEqual([
      ['ana', 0.94],
      ['bo', 0.7],
    ]);
    expect(automaticLink(found, 0.9)?.customerId).toBe('ana');
    expect(automaticLink(found, 0.5)).toBeNull();
    expect(automaticLink(found, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('merges new evidence into what the conversation holds, keeping rejections', () => {
    const first = mergeSuggestions(
      undefined,
      candidates([{ customerId: 'ana', customerName: 'Ana', kind: 'order', value: '#1' }], 'm1'),
      'me',
      NOW,
    );
    expect(first).toEqual([
      {
        customerId: 'ana',
        customerName: 'Ana',
        confidence: 0.7,
        evidence: [{ kind: 'order', value: '#1', messageId: 'm1' }],
        state: 'open',
        suggestedAt: NOW,
      },
    ]);
    const rejected = first?.map((s) => ({ ...s, state: 'rejected' as const }));
    const again = mergeSuggestions(
      rejected,
      candidates(
        [
          { customerId: 'ana', customerName: 'Ana', kind: 'order', value: '#1' },
          { customerId: 'ana', customerName: 'Ana', kind: 'phone', value: '+1415' },
          { customerId: 'me', customerName: 'Me', kind: 'order', value: '#9' },
        ],
        'm2',
      ),
      'me',
      NOW + 1,
    );
    expect(again).toEqual([
      {
        customerId: 'ana',
        customerName: 'Ana',
        confidence: 0.94,
        evidence: [
          { kind: 'order', value: '#1', messageId: 'm1' },
          { kind: 'phone', value: '+1415', messageId: 'm2' },
        ],
        state: 'rejected',
        suggestedAt: NOW,
      },
    ]);
    expect(mergeSuggestions(undefined, [], 'me', NOW)).toBeUndefined();
  });

  it('reads the threshold from the environment, refusing nonsense', () => {
    expect(autoLinkFromEnv(undefined)).toBe(DEFAULT_AUTO_LINK_CONFIDENCE);
    expect(autoLinkFromEnv('0.95')).toBe(0.95);
    expect(autoLinkFromEnv('off')).toBe(Number.POSITIVE_INFINITY);
    for (const bad of ['1.5', '0', 'high', '-1'])
      expect(() => autoLinkFromEnv(bad)).toThrow(/CAREDESK_AUTO_LINK_CONFIDENCE/);
  });
});
