/**
 * Scores of a classifier against labelled rows: accuracy, macro-F1 over the intents with enough
 * gold rows (the rule is reported with the score), per-intent precision and recall, the confusion
 * matrix as {gold: {predicted: count}}, sentiment accuracy when rows carry sentiment, and latency.
 */
export interface ScoredRow {
  text: string;
  gold: string;
  predicted: string;
  confidence: number;
  goldSentiment?: string;
  predictedSentiment?: string;
  milliseconds: number;
}

export interface IntentScore {
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Report {
  rows: number;
  accuracy: number;
  macroF1: number;
  macroF1Rule: string;
  macroF1Intents: string[];
  macroF1AllGoldIntents: number;
  sentimentAccuracy?: number;
  sentimentConfusionMatrix?: Record<string, Record<string, number>>;
  confusionMatrix: Record<string, Record<string, number>>;
  perIntent: Record<string, IntentScore>;
  latencyMs: { p50: number; p95: number; max: number };
  latencyRule: string;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

function matrix(pairs: [string, string][]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [gold, predicted] of pairs) {
    const row = (out[gold] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  return out;
}

export function score(rows: readonly ScoredRow[], minRows: number): Report {
  const labels = [...new Set(rows.flatMap((r) => [r.gold, r.predicted]))].sort();
  const perIntent: Record<string, IntentScore> = {};
  for (const label of labels) {
    const support = rows.filter((r) => r.gold === label).length;
    const predicted = rows.filter((r) => r.predicted === label).length;
    const correct = rows.filter((r) => r.gold === label && r.predicted === label).length;
    const precision = predicted ? correct / predicted : 0;
    const recall = support ? correct / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perIntent[label] = { support, predicted, precision: round(precision), recall: round(recall), f1: round(f1) };
  }
  const gold = labels.filter((l) => perIntent[l]!.support > 0);
  const counted = gold.filter((l) => perIntent[l]!.support >= minRows);
  const mean = (ls: string[]): number => (ls.length ? ls.reduce((s, l) => s + perIntent[l]!.f1, 0) / ls.length : 0);
  const latencies = rows.map((r) => r.milliseconds).sort((a, b) => a - b);
  const withSentiment = rows.filter((r) => r.goldSentiment);
  const report: Report = {
    rows: rows.length,
    accuracy: round(rows.filter((r) => r.gold === r.predicted).length / Math.max(1, rows.length)),
    macroF1: round(mean(counted)),
    macroF1Rule: `mean F1 over the gold intents with at least ${minRows} rows`,
    macroF1Intents: counted,
    macroF1AllGoldIntents: round(mean(gold)),
    confusionMatrix: matrix(rows.map((r) => [r.gold, r.predicted])),
    perIntent,
    latencyRule: 'milliseconds per message to featurise and run both heads, each message classified once',
    latencyMs: {
      p50: round(percentile(latencies, 50), 3),
      p95: round(percentile(latencies, 95), 3),
      max: round(latencies[latencies.length - 1] ?? 0, 3),
    },
  };
  if (withSentiment.length > 0) {
    const right = withSentiment.filter((r) => r.goldSentiment === r.predictedSentiment).length;
    report.sentimentAccuracy = round(right / withSentiment.length);
    report.sentimentConfusionMatrix = matrix(withSentiment.map((r) => [r.goldSentiment!, r.predictedSentiment ?? '']));
  }
  return report;
}
