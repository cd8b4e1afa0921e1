import { describe, expect, it } from 'vitest';
import { SNIPPET_MATCH_END as E, SNIPPET_MATCH_START as S } from '../../../shared/api/search';
import { highlightParts } from './SearchHitView';

describe('highlightParts', () => {
  it('marks the spans between the match markers and keeps the rest as text', () => {
    expect(highlightParts(`where is ${S}order${E} #${S}1042${E}?`)).toEqual([
      { text: 'where is ', match: false },
      { text: 'order', match: true },
      { text: ' #', match: false },
      { text: '1042', match: true },
      { text: '?', match: false },
    ]);
  });

  it('leaves markup alone: it is only ever rendered as text', () => {
    expect(highlightParts(`<b>${S}x${E}</b>`)).toEqual([
      { text: '<b>', match: false },
      { text: 'x', match: true },
      { text: '</b>', match: false },
    ]);
  });

  it('treats the old [[ ]] brackets in a message as plain text', () => {
    expect(highlightParts(`see [[x]] and ${S}x${E}`)).toEqual([
      { text: 'see [[x]] and ', match: false },
      { text: 'x', match: true },
    ]);
    expect(highlightParts('[[x]]')).toEqual([{ text: '[[x]]', match: false }]);
  });

  it('renders an unterminated start marker as text, without the marker', () => {
    expect(highlightParts(`${S}order${E} and ${S}refund…`)).toEqual([
      { text: 'order', match: true },
      { text: ' and refund…', match: false },
    ]);
    expect(highlightParts(`${S}`)).toEqual([]);
  });

  it('drops a stray end marker and merges the text around it', () => {
    expect(highlightParts(`a${E}b ${S}c${E}`)).toEqual([
      { text: 'ab ', match: false },
      { text: 'c', match: true },
    ]);
  });

  it('handles matches next to each other, at the edges, and empty matches', () => {
    expect(highlightParts(`${S}a${E}${S}b${E}`)).toEqual([{ text: 'ab', match: true }]);
    expect(highlightParts(`x${S}${E}y`)).toEqual([{ text: 'xy', match: false }]);
    expect(highlightParts('')).toEqual([]);
  });
});
