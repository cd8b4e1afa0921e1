import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvObjects } from './csv';
import { evaluateFile, parseArgs } from './evaluate';

const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'caredesk-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseArgs', () => {
  it('reads the file, predictions, filters and the macro-F1 threshold', () => {
    expect(parseArgs(['f.csv', '--predictions', 'out.csv', '--where', 'mapping=exact', '--min-rows', '3'])).toEqual({
      file: 'f.csv',
      predictions: 'out.csv',
      where: [['mapping', 'exact']],
      minRows: 3,
    });
    expect(parseArgs(['f.csv']).minRows).toBe(10);
  });

  it('refuses a missing file, unknown options and a bad filter', () => {
    expect(() => parseArgs([])).toThrow(/usage/);
    expect(() => parseArgs(['f.csv', '--fast'])).toThrow(/Unknown option/);
    expect(() => parseArgs(['f.csv', '--where', 'mapping'])).toThrow(/COLUMN=VALUE/);
  });
});

describe('evaluateFile', () => {
  it('reports the documented keys, with sentiment when the file has it', () => {
    const report = evaluateFile(parseArgs([fixture('small.csv'), '--min-rows', '1']));
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'accuracy',
        'macroF1',
        'macroF1Intents',
        'sentimentAccuracy',
        'confusionMatrix',
        'perIntent',
        'latencyMs',
      ]),
    );
    expect(report.rows).toBe(5);
    expect(Object.keys(report.latencyMs)).toEqual(expect.arrayContaining(['p50', 'p95']));
    expect(report.perIntent.billing_problem).toMatchObject({ support: 1 });
    expect(Object.keys(report.perIntent.billing_problem!)).toEqual(expect.arrayContaining(['precision', 'recall']));
    // {gold: {predicted: count}}: every gold row is counted once.
    const counted = Object.values(report.confusionMatrix).flatMap((row) => Object.values(row));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(5);
    expect(report.macroF1Intents).toEqual([
      'billing_problem',
      'cancel_order',
      'complaint_other',
      'order_status',
      'praise',
    ]);
  });

  it('counts only intents with enough rows in macro-F1 and says which', () => {
    const report = evaluateFile(parseArgs([fixture('small.csv')]));
    expect(report.macroF1Intents).toEqual([]);
    expect(report.macroF1Rule).toContain('at least 10 rows');
  });

  it('selects rows with --where and leaves out sentiment when the file has none', () => {
    const report = evaluateFile(parseArgs([fixture('no-sentiment.csv'), '--where', 'mapping=exact']));
    expect(report.rows).toBe(2);
    expect(report.where).toEqual({ mapping: 'exact' });
    expect(report).not.toHaveProperty('sentimentAccuracy');
  });

  it('writes one prediction per row, multi-line texts included', () => {
    const out = join(dir, 'predictions.csv');
    evaluateFile(parseArgs([fixture('small.csv'), '--predictions', out]));
    const { header, rows } = readCsvObjects(readFileSync(out, 'utf8'));
    expect(header.slice(0, 4)).toEqual(['text', 'gold', 'predicted', 'confidence']);
    expect(rows).toHaveLength(5);
    expect(rows[2]!.text).toBe('line one\nline two: charged twice');
    for (const row of rows) expect(Number(row.confidence)).toBeGreaterThan(0);
  });

  it('runs as `npm run eval:intents` and prints one JSON object', () => {
    const tsx = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
    const script = new URL('./eval.ts', import.meta.url).pathname;
    const stdout = execFileSync(tsx, [script, fixture('no-sentiment.csv')], { encoding: 'utf8' });
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report.rows).toBe(3);
    expect(report).toHaveProperty('macroF1');
  });
});
