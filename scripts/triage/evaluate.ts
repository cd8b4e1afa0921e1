import { readFileSync, writeFileSync } from 'node:fs';
import { triage, triageModel, type TriageModel } from '../../shared/triage';
import { readCsvObjects, writeCsv } from './csv';
import { score, type Report, type ScoredRow } from './metrics';

/**
 * `npm run eval:intents -- FILE [--predictions OUT] [--where COLUMN=VALUE]... [--min-rows N]`
 *
 * FILE is an RFC 4180 CSV with columns `text` and `intent`, optionally `sentiment`; other columns
 * are ignored unless `--where` selects on them. Macro-F1 averages the gold intents with at least
 * `--min-rows` rows (10 unless told), and the report lists which intents those were.
 */

export interface EvalArgs {
  file: string;
  predictions?: string;
  where: [string, string][];
  minRows: number;
}

export const USAGE = 'usage: eval:intents -- FILE [--predictions OUT] [--where COLUMN=VALUE]... [--min-rows N]';

export function parseArgs(args: readonly string[]): EvalArgs {
  const parsed: EvalArgs = { file: '', where: [], minRows: 10 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--predictions') parsed.predictions = value();
    else if (arg === '--where') {
      const v = value();
      const eq = v.indexOf('=');
      if (eq <= 0) throw new Error(`--where takes COLUMN=VALUE\n${USAGE}`);
      parsed.where.push([v.slice(0, eq), v.slice(eq + 1)]);
    } else if (arg === '--min-rows') {
      parsed.minRows = Number(value());
      if (!Number.isInteger(parsed.minRows) || parsed.minRows < 1)
        throw new Error('--min-rows takes a positive integer');
    } else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}\n${USAGE}`);
    else if (!parsed.file) parsed.file = arg;
    else throw new Error(`One FILE only\n${USAGE}`);
  }
  if (!parsed.file) throw new Error(USAGE);
  return parsed;
}

export interface EvalReport extends Report {
  file: string;
  where?: Record<string, string>;
}

export function evaluateFile(args: EvalArgs, model: TriageModel = triageModel()): EvalReport {
  const { header, rows } = readCsvObjects(readFileSync(args.file, 'utf8'));
  for (const column of ['text', 'intent', ...args.where.map(([c]) => c)]) {
    if (!header.includes(column)) throw new Error(`${args.file} has no '${column}' column`);
  }
  const hasSentiment = header.includes('sentiment');
  const selected = rows.filter((row) => args.where.every(([column, value]) => row[column] === value));

  // Warm up so the first rows do not pay for compiling the hot path.
  for (const row of selected.slice(0, 20)) triage(row.text ?? '', model);

  const sentimentConfidence: number[] = [];
  const scored: ScoredRow[] = selected.map((row) => {
    const text = row.text ?? '';
    // Each message is classified once and timed as it ran, garbage collection included.
    const started = performance.now();
    const result = triage(text, model);
    const milliseconds = performance.now() - started;
    sentimentConfidence.push(result.sentimentConfidence);
    return {
      text,
      gold: row.intent ?? '',
      predicted: result.intent,
      confidence: result.intentConfidence,
      milliseconds,
      ...(hasSentiment && row.sentiment ? { goldSentiment: row.sentiment } : {}),
      predictedSentiment: result.sentiment,
    };
  });

  if (args.predictions) {
    // The four documented columns first; sentiment follows when the file has it.
    const lines = [['text', 'gold', 'predicted', 'confidence']];
    if (hasSentiment) lines[0]!.push('gold_sentiment', 'predicted_sentiment', 'sentiment_confidence');
    scored.forEach((r, i) => {
      const line = [r.text, r.gold, r.predicted, r.confidence.toFixed(4)];
      if (hasSentiment) {
        line.push(r.goldSentiment ?? '', r.predictedSentiment ?? '', (sentimentConfidence[i] ?? 0).toFixed(4));
      }
      lines.push(line);
    });
    writeFileSync(args.predictions, writeCsv(lines));
  }
  return {
    file: args.file,
    ...(args.where.length ? { where: Object.fromEntries(args.where) } : {}),
    ...score(scored, args.minRows),
  };
}
