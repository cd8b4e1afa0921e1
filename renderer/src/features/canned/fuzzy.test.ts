import { describe, expect, it } from 'vitest';
import { fuzzyFilter } from './fuzzy';

const items = [
  { id: '1', title: 'Late parcel', body: 'Your order is on its way.' },
  { id: '2', title: 'Refund sent', body: 'The refund reaches your card in 5 days.' },
  { id: '3', title: 'Address change', body: 'We updated the delivery address.' },
];
const titles = (query: string) => fuzzyFilter(items, query).map((item) => item.title);

describe('fuzzy search over canned resolutions', () => {
  it('lists every item by title for an empty query', () => {
    expect(titles('  ')).toEqual(['Address change', 'Late parcel', 'Refund sent']);
  });

  it('matches letters in order, across titles and text, every word required', () => {
    expect(titles('lt prcl')).toEqual(['Late parcel']);
    expect(titles('card')).toEqual(['Refund sent']);
    expect(titles('refund card')).toEqual(['Refund sent']);
    expect(titles('refund parcel')).toEqual([]);
    expect(titles('zz')).toEqual([]);
  });

  it('ranks a title match above a match in the text', () => {
    const mixed = [
      { id: 'a', title: 'Where is it', body: 'Your parcel left the depot.' },
      { id: 'b', title: 'Late parcel', body: 'Sorry for the wait.' },
    ];
    expect(fuzzyFilter(mixed, 'parcel').map((item) => item.id)).toEqual(['b', 'a']);
    // A run of letters beats the same letters scattered.
    expect(fuzzyFilter(items, 'ad').map((item) => item.title)[0]).toBe('Address change');
  });
});
