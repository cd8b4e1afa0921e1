import { describe, expect, it } from 'vitest';
import { Change, changeEntityKey, currentChangeReader, DeletableEntity } from './protocol';
import { frozenChangeReader } from './versions';

const deletion = (entity: string, id: unknown = 'x1'): unknown => ({
  seq: 9,
  actionId: null,
  kind: 'delete',
  data: { entity, id },
});

describe('delete changes', () => {
  it('name one entity of a kind every engine can remove, by id', () => {
    expect(DeletableEntity.options).toEqual([
      'customer',
      'identity',
      'order',
      'conversation',
      'message',
      'note',
      'resolution',
    ]);
    for (const entity of DeletableEntity.options) {
      expect(Change.parse(deletion(entity))).toEqual({
        seq: 9,
        actionId: null,
        kind: 'delete',
        data: { entity, id: 'x1' },
      });
    }
    for (const bad of [deletion('team'), deletion('user'), deletion('revoke'), deletion('customer', 7)]) {
      expect(Change.safeParse(bad).success).toBe(false);
    }
    expect(currentChangeReader.read(deletion('customer'))).toMatchObject({ kind: 'delete' });
  });

  it('are the last version of what they remove; a revoke is one of its conversation', () => {
    const read = (raw: unknown) => changeEntityKey(Change.parse(raw));
    expect(read(deletion('customer', 'cu1'))).toBe('customer:cu1');
    expect(read(deletion('conversation', 'c1'))).toBe('conversation:c1');
    expect(read(deletion('message', 'm1'))).toBe('message:m1');
    expect(read({ seq: 1, kind: 'revoke', data: { id: 'c1' } })).toBe('conversation:c1');
    expect(read({ seq: 1, kind: 'team', data: { id: 't1', name: 'Team' } })).toBe('team:t1');
  });

  it('are skipped, not fatal, by an engine of version 4 (which does not know them)', () => {
    expect(frozenChangeReader(4).read(deletion('customer'))).toBeNull();
    expect(frozenChangeReader(3).read(deletion('customer'))).toBeNull();
  });
});
