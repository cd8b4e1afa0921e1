import { describe, expect, it } from 'vitest';
import type { CannedResolution, User } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import {
  applyToLibrary,
  checkLibraryAction,
  describeAction,
  isOnNoConversation,
  MAX_PERSONAL_RESOLUTIONS,
  targetsOf,
} from './index';
import type { LibraryAction } from './index';

const rep: User = { id: 'rep', name: 'Rep', email: 'rep@example.test', role: 'rep', teamIds: ['t1'] };
const item = (id: string, title: string, ownerId = 'rep'): CannedResolution => ({
  id,
  ownerId,
  title,
  body: `${title} body`,
  updatedAt: 1,
});
const save = (id: string, title: string): LibraryAction => ({
  type: 'saveResolution',
  resolution: { id, title, body: `${title} text` },
});

function refusal(action: LibraryAction, items: CannedResolution[]): string | null {
  try {
    checkLibraryAction(action, { actor: rep, items, now: 50 });
    return null;
  } catch (error) {
    if (!(error instanceof CaredeskError)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

describe('canned resolution actions (on no conversation)', () => {
  it('touch no conversation', () => {
    const action = save('r1', 'Refund sent');
    expect(isOnNoConversation(action)).toBe(true);
    expect(targetsOf(action)).toEqual([]);
  });

  it('save adds a new one owned by the actor, edits one by id, and delete removes it', () => {
    const ctx = { actor: rep, items: [], now: 50 };
    const added = applyToLibrary([item('r0', 'Hello')], save('r1', 'Refund sent'), ctx);
    expect(added).toEqual([
      item('r0', 'Hello'),
      { id: 'r1', ownerId: 'rep', title: 'Refund sent', body: 'Refund sent text', updatedAt: 50 },
    ]);
    const edited = applyToLibrary(added, save('r1', 'Refund issued'), { ...ctx, now: 60 });
    expect(edited.map((r) => [r.id, r.title, r.updatedAt])).toEqual([
      ['r0', 'Hello', 1],
      ['r1', 'Refund issued', 60],
    ]);
    expect(applyToLibrary(edited, { type: 'deleteResolution', resolutionId: 'r0' }, ctx).map((r) => r.id)).toEqual([
      'r1',
    ]);
  });

  it('refuses a title the rep already uses (case and spaces aside), but not the same item keeping its title', () => {
    const items = [item('r1', 'Refund sent')];
    expect(refusal(save('r2', '  refund SENT '), items)).toBe(
      'conflict: You already have a canned resolution called “Refund sent”.',
    );
    expect(refusal(save('r1', 'Refund sent'), items)).toBeNull();
  });

  it('refuses to save over or delete another person’s item, or delete one that does not exist', () => {
    const items = [item('r9', 'Theirs', 'someone-else')];
    expect(refusal(save('r9', 'Mine now'), items)).toMatch(/^not_found:/);
    expect(refusal({ type: 'deleteResolution', resolutionId: 'r9' }, items)).toMatch(/^not_found:/);
    expect(refusal({ type: 'deleteResolution', resolutionId: 'nope' }, items)).toMatch(/^not_found:/);
  });

  it(`refuses a new one beyond ${MAX_PERSONAL_RESOLUTIONS}, but not an edit then`, () => {
    const full = Array.from({ length: MAX_PERSONAL_RESOLUTIONS }, (_, n) => item(`r${n}`, `Title ${n}`));
    expect(refusal(save('new', 'One more'), full)).toMatch(/^invalid_input: You can keep at most 500/);
    expect(refusal(save('r3', 'Edited'), full)).toBeNull();
  });

  it('describes them in a rep’s words', () => {
    const names = { userName: () => null };
    expect(describeAction(save('r1', 'Refund sent'), names)).toBe('Save canned resolution “Refund sent”');
    expect(describeAction({ type: 'deleteResolution', resolutionId: 'r1' }, names)).toBe('Delete a canned resolution');
  });
});
