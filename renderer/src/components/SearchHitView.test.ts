import { describe, expect, it } from 'vitest';
import { highlightParts } from './SearchHitView';

describe('highlightParts', () => {
  it('marks the [[ ]] spans and keeps the rest as text', () => {
    expect(highlightParts('where is [[order]] #[[1042]]?')).toEqual([
      { text: 'where is ', match: false },
      { text: 'order', match: true },
      { text: ' #', match: false },
      { text: '1042', match: true },
      { text: '?', match: false },
    ]);
  });

  it('leaves markup alone: it is only ever rendered as text', () => {
    expect(highlightParts('<b>[[x]]</b>')).toEqual([
      { text: '<b>', match: false },
      { text: 'x', match: true },
      { text: '</b>', match: false },
    ]);
  });
});
