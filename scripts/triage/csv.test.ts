import { describe, expect, it } from 'vitest';
import { parseCsv, readCsvObjects, writeCsv } from './csv';

describe('parseCsv', () => {
  it('reads plain fields and both line endings', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text =
      'text,intent\r\n"hi, there",other\r\n"she said ""no""",other\r\n"line one\r\nline two\nthree",other\r\n';
    expect(parseCsv(text)).toEqual([
      ['text', 'intent'],
      ['hi, there', 'other'],
      ['she said "no"', 'other'],
      ['line one\r\nline two\nthree', 'other'],
    ]);
  });

  it('reads empty fields, an empty quoted field and a missing final newline', () => {
    expect(parseCsv('a,,""\n,x,')).toEqual([
      ['a', '', ''],
      ['', 'x', ''],
    ]);
  });

  it('drops a byte-order mark', () => {
    expect(parseCsv('\ufefftext\nhello')).toEqual([['text'], ['hello']]);
  });

  it('refuses a file that ends inside quotes', () => {
    expect(() => parseCsv('text\n"never closed')).toThrow(/Not a readable CSV file: .*quote/i);
  });
});

describe('readCsvObjects', () => {
  it('keys records by the header and skips blank trailing lines', () => {
    const { header, rows } = readCsvObjects('text,intent,extra\n"a, b",refund,1\nc,other\n\n');
    expect(header).toEqual(['text', 'intent', 'extra']);
    expect(rows).toEqual([
      { text: 'a, b', intent: 'refund', extra: '1' },
      { text: 'c', intent: 'other', extra: '' },
    ]);
  });
});

describe('writeCsv', () => {
  it('round-trips through the reader', () => {
    const rows = [
      ['text', 'gold'],
      ['a "quoted", multi\nline text', 'refund'],
      ['plain', ''],
    ];
    expect(parseCsv(writeCsv(rows))).toEqual(rows);
  });
});
