import { describe, expect, it } from 'vitest';
import { ChangeData } from '../../../shared/sync';
import { changeHandlers } from './change-handlers';
import type { ChangeHandler, ChangeKind } from './change-handlers';

describe('changeHandlers', () => {
  it('has exactly one handler per change kind the protocol defines', () => {
    const kinds = ChangeData.options.map((option) => option.shape.kind.value);
    expect(Object.keys(changeHandlers).sort()).toEqual([...kinds].sort());
  });

  it('is typed so that a kind without its handler does not compile', () => {
    const { order: _order, ...withoutOrder } = changeHandlers;
    // @ts-expect-error `order` has no handler: the record's type demands one per kind.
    const incomplete: { readonly [K in ChangeKind]: ChangeHandler<K> } = withoutOrder;
    expect(Object.keys(incomplete)).not.toContain('order');
  });
});
