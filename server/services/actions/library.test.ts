import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../shared/domain/entities';
import type { Action } from '../../../shared/sync/actions';
import { hashPassword } from '../../auth/password';
import { createTeam, createUser } from '../../db/accounts';
import { pullChanges } from '../../db/changes';
import { listResolutions } from '../../db/resolutions';
import type { Database } from '../../db/sql';
import { testBackends } from '../../db/testing';
import type { TestDatabase } from '../../db/testing';
import { applyAction } from './apply';

const NOW = 1_800_000_000_000;

describe.each(testBackends)('actions on no conversation (personal canned resolutions) on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let alice: User; // rep, team a
  let carol: User; // rep, team a: alice's teammate
  let lena: User; // lead, team a
  let bob: User; // rep, team b
  let seq = 0;
  const id = () => `library-${String(++seq).padStart(6, '0')}`;
  const act = (user: User, action: Action, actionId = id()) =>
    applyAction(db, user, { id: actionId, action }, NOW + seq);
  const save = (resolutionId: string, title: string): Action => ({
    type: 'saveResolution',
    resolution: { id: resolutionId, title, body: `${title}: here is what happens next.` },
  });
  /** Every change the user may pull, from the start of the log, as kind:id. */
  const pulledBy = async (user: User) =>
    (await pullChanges(db, user.teamIds, 0, 10_000, user.id)).changes.map(
      (change) => `${change.kind}:${change.kind === 'delete' ? change.data.entity : ''}${change.data.id}`,
    );

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await createTeam(db, { id: 'b', name: 'Team B' }, NOW);
    const password = await hashPassword('pw');
    const user = (userId: string, role: User['role'], teamIds: string[]) =>
      createUser(db, { id: userId, name: userId, email: `${userId}@example.com`, role, teamIds, password }, NOW);
    alice = await user('alice', 'rep', ['a']);
    carol = await user('carol', 'rep', ['a']);
    lena = await user('lena', 'lead', ['a']);
    bob = await user('bob', 'rep', ['b']);
  });

  afterAll(async () => {
    await handle.dispose();
  });

  it('stores a rep’s item once per action id and addresses its change to that rep alone', async () => {
    const actionId = id();
    const first = await act(alice, save('res-1', 'Refund sent'), actionId);
    expect(first).toMatchObject({ repeated: false, changes: { teamIds: [], userIds: ['alice'], everyone: false } });
    expect(first.result.seq).toBeGreaterThan(0);
    const again = await act(alice, save('res-1', 'Refund sent'), actionId);
    expect(again).toMatchObject({ repeated: true, result: first.result });

    expect(await listResolutions(db, 'alice')).toEqual([
      expect.objectContaining({ id: 'res-1', ownerId: 'alice', title: 'Refund sent' }),
    ]);
    const rows = await db.query<{ team_id: string | null; user_id: string | null }>(
      "select team_id, user_id from changes where kind = 'resolution'",
    );
    expect(rows).toEqual([{ team_id: null, user_id: 'alice' }]);

    expect(await pulledBy(alice)).toContain('resolution:res-1');
    // A teammate pulling everything their teams and they themselves may see never gets it.
    expect((await pulledBy(carol)).filter((kind) => kind.startsWith('resolution') || kind.includes('res-'))).toEqual(
      [],
    );
  });

  it('refuses what the shared checks refuse, writing nothing', async () => {
    const before = await db.query('select seq from changes order by seq desc limit 1');
    await expect(act(alice, save('res-2', ' refund SENT'))).rejects.toMatchObject({ code: 'conflict' });
    // Carol may not save over, nor delete, Alice's item: to her it does not exist.
    await expect(act(carol, save('res-1', 'Mine now'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(act(carol, { type: 'deleteResolution', resolutionId: 'res-1' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await db.query('select seq from changes order by seq desc limit 1')).toEqual(before);
    expect((await listResolutions(db, 'alice')).map((r) => r.title)).toEqual(['Refund sent']);
    expect(await listResolutions(db, 'carol')).toEqual([]);
  });

  it('deletes for the owner and tells only the owner', async () => {
    await act(alice, save('res-3', 'Address changed'));
    const deleted = await act(alice, { type: 'deleteResolution', resolutionId: 'res-3' });
    expect(deleted.changes).toMatchObject({ userIds: ['alice'], teamIds: [], everyone: false });
    expect((await listResolutions(db, 'alice')).map((r) => r.id)).toEqual(['res-1']);
    expect(await pulledBy(alice)).toContain('delete:resolutionres-3');
    expect((await pulledBy(carol)).some((kind) => kind.includes('res-'))).toBe(false);
  });

  it('stores a lead’s team item for the whole team, addressed to the team, and refuses a rep’s attempt writing nothing', async () => {
    const then = { tags: ['late'], status: 'closed' as const };
    const saved = await act(lena, {
      type: 'saveResolution',
      resolution: { id: 'team-1', title: 'Late parcel', body: 'It is on its way.', teamId: 'a', then },
    });
    expect(saved.changes).toMatchObject({ teamIds: ['a'], userIds: [], everyone: false });
    const rows = await db.query<{ team_id: string | null; user_id: string | null }>(
      "select team_id, user_id from changes where kind = 'resolution' and entity_id = 'team-1'",
    );
    expect(rows).toEqual([{ team_id: 'a', user_id: null }]);
    expect(await listResolutions(db, 'carol', ['a'])).toEqual([
      expect.objectContaining({ id: 'team-1', ownerId: 'lena', teamId: 'a', then }),
    ]);
    expect(await pulledBy(carol)).toContain('resolution:team-1');
    expect(await pulledBy(alice)).toContain('resolution:team-1');
    expect((await pulledBy(bob)).some((kind) => kind.includes('team-1'))).toBe(false);

    const before = await db.query('select seq from changes order by seq desc limit 1');
    const edit: Action = {
      type: 'saveResolution',
      resolution: { id: 'team-1', title: 'Mine now', body: 'x', teamId: 'a' },
    };
    await expect(act(carol, edit)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      act(carol, {
        type: 'saveResolution',
        resolution: { id: 'team-2', title: 'New', body: 'x', teamId: 'a' },
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(act(carol, { type: 'deleteResolution', resolutionId: 'team-1' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    // Outside the team, the item does not exist.
    await expect(act(bob, { type: 'deleteResolution', resolutionId: 'team-1' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await db.query('select seq from changes order by seq desc limit 1')).toEqual(before);
    expect((await listResolutions(db, 'lena', ['a'])).map((r) => [r.id, r.title])).toEqual([['team-1', 'Late parcel']]);

    const deleted = await act(lena, { type: 'deleteResolution', resolutionId: 'team-1' });
    expect(deleted.changes).toMatchObject({ teamIds: ['a'], userIds: [], everyone: false });
    expect(await listResolutions(db, 'lena', ['a'])).toEqual([]);
    expect(await pulledBy(carol)).toContain('delete:resolutionteam-1');
  });
});
