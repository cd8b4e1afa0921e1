import { describe, expect, it } from 'vitest';
import { mayIn, teamsReached } from './permissions';
import type { User } from './entities';

const lead: User = { id: 'l', name: 'L', email: 'l@example.com', role: 'lead', teamIds: ['a'] };

describe('the permission matrix', () => {
  it('lets a lead reach their own teams and things of no team, nothing else', () => {
    expect(mayIn(lead, 'teamLibrary', 'a')).toBe(true);
    expect(mayIn(lead, 'teamLibrary', 'b')).toBe(false);
    expect(mayIn(lead, 'readAudit', null)).toBe(true);
    expect(mayIn({ ...lead, role: 'rep' }, 'teamLibrary', 'a')).toBe(false);
    expect(mayIn({ ...lead, role: 'admin', teamIds: [] }, 'readAudit', 'z')).toBe(true);
  });

  it('names the teams a role reaches: its own, none, or every one (undefined)', () => {
    expect(teamsReached(lead, 'postInbound')).toEqual(['a']);
    expect(teamsReached({ ...lead, role: 'rep' }, 'postInbound')).toEqual([]);
    expect(teamsReached({ ...lead, role: 'admin' }, 'postInbound')).toBeUndefined();
  });
});
