import { describe, expect, it } from 'vitest';
import type { RejectedAction } from '../../../shared/api';
import { rejectionNotice } from './rejections';

const rejected = (summary: string, reason = 'Reassigned to Ana.'): RejectedAction => ({
  actionId: summary,
  conversationId: 'c1',
  conversationIds: ['c1'],
  type: 'tag',
  summary,
  reason,
  at: 1,
});

describe('rejectionNotice', () => {
  it('says nothing for nothing', () => {
    expect(rejectionNotice([])).toBeNull();
  });

  it('names a single refusal with its reason', () => {
    expect(rejectionNotice([rejected('Tag “vip”')])).toEqual({
      title: 'Not applied: Tag “vip”',
      message: 'Reassigned to Ana.',
    });
  });

  it('gathers several, keeping a reason they share', () => {
    expect(rejectionNotice([rejected('a'), rejected('b')])).toEqual({
      title: '2 changes not applied',
      message: 'Reassigned to Ana. The list in the header has each change.',
    });
    expect(rejectionNotice([rejected('a'), rejected('b', 'Gone.')])?.message).toBe(
      'The list in the header has each change and why.',
    );
  });
});
