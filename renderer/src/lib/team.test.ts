import { describe, expect, it } from 'vitest';
import type { RepPresence } from '../../../shared/api';
import { initials, presenceIn, teammates, typingSentence, viewersByConversation } from './team';

const rep = (userId: string, name: string, patch: Partial<RepPresence> = {}): RepPresence => ({
  userId,
  name,
  status: 'online',
  viewing: [],
  typing: [],
  ...patch,
});

describe('teammates', () => {
  it('lists the team’s members, the rep first, with presence where known, and keeps the assignee', () => {
    const list = teammates({
      me: { id: 'u1', name: 'Zoe' },
      members: [
        { id: 'u3', name: 'Ben' },
        { id: 'u1', name: 'Zoe' },
        { id: 'u2', name: 'Ana' },
        { id: 'u4', name: 'Cleo' },
      ],
      // Presence of someone outside the team (u9) does not make them assignable.
      reps: [rep('u3', 'Ben', { status: 'away' }), rep('u2', 'Ana'), rep('u9', 'Other team')],
      assignee: { id: 'u5', name: 'Dan' },
    });
    expect(list.map((t) => [t.id, t.status, t.isMe])).toEqual([
      ['u1', 'online', true],
      ['u2', 'online', false],
      ['u3', 'away', false],
      ['u4', null, false],
      ['u5', null, false],
    ]);
  });
});

describe('presence views', () => {
  const reps = [
    rep('u2', 'Ana', { viewing: ['c1'], typing: ['c1'] }),
    rep('u3', 'Ben', { viewing: ['c1', 'c2'] }),
    rep('u4', 'Gone', { status: 'offline', viewing: ['c1'], typing: ['c1'] }),
  ];

  it('lists who else views and types in a conversation, leaving out offline reps', () => {
    expect(presenceIn('c1', reps)).toEqual({ viewers: ['Ana', 'Ben'], typing: ['Ana'] });
    expect(presenceIn('c3', reps)).toEqual({ viewers: [], typing: [] });
  });

  it('maps conversations to their viewers', () => {
    const map = viewersByConversation(reps);
    expect(map.get('c1')).toEqual(['Ana', 'Ben']);
    expect(map.get('c2')).toEqual(['Ben']);
  });

  it('says who is typing in a short sentence', () => {
    expect(typingSentence([])).toBeNull();
    expect(typingSentence(['Ana'])).toBe('Ana is typing…');
    expect(typingSentence(['Ana', 'Ben'])).toBe('Ana and Ben are typing…');
    expect(typingSentence(['Ana', 'Ben', 'Cleo'])).toBe('Ana, Ben and 1 other are typing…');
  });

  it('makes initials', () => {
    expect(initials('Ana María López')).toBe('AM');
    expect(initials('  ben ')).toBe('B');
  });
});
