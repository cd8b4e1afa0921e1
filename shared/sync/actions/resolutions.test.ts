import { describe, expect, it } from 'vitest';
import type { CannedResolution, User } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import {
  applyToLibrary,
  checkLibraryAction,
  describeAction,
  isOnNoConversation,
  MAX_PERSONAL_RESOLUTIONS,
  MAX_TEAM_RESOLUTIONS,
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

const lead: User = { id: 'lead', name: 'Lead', email: 'lead@example.test', role: 'lead', teamIds: ['t1'] };
const teamItem = (id: string, title: string, teamId = 't1'): CannedResolution => ({
  ...item(id, title, 'lead'),
  teamId,
});
const saveTeam = (id: string, title: string, teamId = 't1'): LibraryAction => ({
  type: 'saveResolution',
  resolution: { id, title, body: `${title} text`, teamId },
});

function refusal(action: LibraryAction, items: CannedResolution[], actor = rep): string | null {
  try {
    checkLibraryAction(action, { actor, items, now: 50 });
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

describe('team canned resolutions', () => {
  it('are saved by a lead of the team with the team, the creator and the actions that run with the send', () => {
    const then = { tags: ['late'], status: 'closed' as const };
    const action: LibraryAction = {
      type: 'saveResolution',
      resolution: { id: 'r1', title: 'Late parcel', body: 'On its way', teamId: 't1', then },
    };
    expect(refusal(action, [], lead)).toBeNull();
    const saved = applyToLibrary([], action, { actor: lead, items: [], now: 70 });
    expect(saved).toEqual([
      { id: 'r1', ownerId: 'lead', title: 'Late parcel', body: 'On its way', updatedAt: 70, teamId: 't1', then },
    ]);
    // Another lead's edit keeps the creator.
    const other: User = { ...lead, id: 'lead2' };
    const edited = applyToLibrary(saved, saveTeam('r1', 'Late parcel, sorry'), { actor: other, items: saved, now: 80 });
    expect(edited[0]).toMatchObject({ ownerId: 'lead', title: 'Late parcel, sorry', teamId: 't1', updatedAt: 80 });
  });

  it('refuse a rep’s save, edit or delete (forbidden), and anyone outside the team (not found)', () => {
    const items = [teamItem('r1', 'Late parcel')];
    expect(refusal(saveTeam('r2', 'New one'), items)).toBe(
      'forbidden: Only leads and admins of the team can change its canned resolutions.',
    );
    expect(refusal(saveTeam('r1', 'Edited'), items)).toMatch(/^forbidden:/);
    expect(refusal({ type: 'deleteResolution', resolutionId: 'r1' }, items)).toMatch(/^forbidden:/);
    // A rep cannot reach a team item by saving it as their own either.
    expect(refusal(save('r1', 'Mine now'), items)).toMatch(/^forbidden:/);
    const outsider: User = { ...lead, id: 'lead9', teamIds: ['t2'] };
    expect(refusal(saveTeam('r1', 'Edited'), items, outsider)).toMatch(/^not_found:/);
    expect(refusal(saveTeam('r5', 'New', 't1'), items, outsider)).toMatch(/^not_found:/);
    expect(refusal({ type: 'deleteResolution', resolutionId: 'r1' }, items, outsider)).toMatch(/^not_found:/);
    expect(refusal({ type: 'deleteResolution', resolutionId: 'r1' }, items, lead)).toBeNull();
  });

  it('clash on titles within their scope only, and keep their scope', () => {
    const items = [teamItem('t-a', 'Late parcel'), teamItem('t-b', 'Refund sent', 't2'), item('p-a', 'Address')];
    const leadOfBoth: User = { ...lead, teamIds: ['t1', 't2'], id: 'rep' };
    expect(refusal(saveTeam('new', ' late PARCEL'), items, leadOfBoth)).toBe(
      'conflict: The team already has a canned resolution called “Late parcel”.',
    );
    // Same title in another team, or as a personal item, is fine.
    expect(refusal(saveTeam('new', 'Refund sent'), items, leadOfBoth)).toBeNull();
    expect(refusal(save('new', 'Late parcel'), items, leadOfBoth)).toBeNull();
    expect(refusal(saveTeam('new', 'Address'), items, leadOfBoth)).toBeNull();
    // Moving an item between scopes is refused.
    expect(refusal(saveTeam('p-a', 'Address'), items, leadOfBoth)).toMatch(/^invalid_input: A canned resolution stays/);
    expect(refusal(save('t-a', 'Late parcel'), items, leadOfBoth)).toMatch(/^invalid_input: A canned resolution stays/);
  });

  it(`refuse a new one beyond ${MAX_TEAM_RESOLUTIONS} in a team, and resolving and snoozing at once`, () => {
    const full = Array.from({ length: MAX_TEAM_RESOLUTIONS }, (_, n) => teamItem(`r${n}`, `Title ${n}`));
    expect(refusal(saveTeam('new', 'One more'), full, lead)).toMatch(/^invalid_input: A team can keep at most 1000/);
    expect(refusal(save('new', 'Mine'), full, lead)).toBeNull();
    const both: LibraryAction = {
      type: 'saveResolution',
      resolution: { id: 'x', title: 'x', body: 'x', then: { status: 'closed', snoozeHours: 4 } },
    };
    expect(refusal(both, [])).toMatch(/^invalid_input: A canned resolution may resolve or snooze/);
  });
});
