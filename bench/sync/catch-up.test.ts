import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/sync';
import { newestPerPage } from './catch-up';
import { isFullSize, resultsFile } from './report';

const conversation = (seq: number, id: string, preview: string) =>
  ({ seq, kind: 'conversation', data: { id, lastMessagePreview: preview } }) as unknown as Change;
const message = (seq: number, id: string) => ({ seq, kind: 'message', data: { id } }) as unknown as Change;
const revoke = (seq: number, id: string) => ({ seq, kind: 'revoke', data: { id } }) as unknown as Change;

describe('the catch-up baseline writes what the engine writes', () => {
  it('of a page, every message and the newest version of each other entity', () => {
    const page = [
      message(1, 'm1'),
      conversation(2, 'c1', 'first'),
      message(3, 'm2'),
      conversation(4, 'c1', 'second'),
      conversation(5, 'c2', 'only'),
      revoke(6, 'c2'),
    ];
    expect([...newestPerPage(page)].sort()).toEqual([0, 2, 3, 5]);
  });
});

describe('sync bench results', () => {
  it('a full-size run writes the committed file; a smaller one never does', () => {
    expect(isFullSize({ changes: 100_000, actions: 300 })).toBe(true);
    expect(isFullSize({ changes: 100_000, actions: 5 })).toBe(false);
    expect(isFullSize({ changes: 2_000, actions: 300 })).toBe(false);
    expect(resultsFile({ changes: 100_000, actions: 300 })).toMatch(/bench\/results\/sync\.json$/);
    expect(resultsFile({ changes: 100_000, actions: 5 })).toMatch(/bench\/results\/sync-smoke\.json$/);
  });
});
