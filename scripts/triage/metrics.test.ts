import { describe, expect, it } from 'vitest';
import { percentile, score, type ScoredRow } from './metrics';

const row = (gold: string, predicted: string, milliseconds = 1): ScoredRow => ({
  text: '',
  gold,
  predicted,
  confidence: 0.5,
  milliseconds,
});

describe('score', () => {
  const rows = [
    ...Array.from({ length: 3 }, () => row('refund', 'refund')),
    row('refund', 'billing_problem'),
    row('billing_problem', 'billing_problem'),
    row('billing_problem', 'refund'),
    row('other', 'other'),
  ];

  it('computes precision, recall and F1 per intent and the confusion matrix', () => {
    const report = score(rows, 1);
    expect(report.perIntent.refund).toEqual({ support: 4, predicted: 4, precision: 0.75, recall: 0.75, f1: 0.75 });
    expect(report.perIntent.billing_problem).toMatchObject({ precision: 0.5, recall: 0.5 });
    expect(report.confusionMatrix).toEqual({
      refund: { refund: 3, billing_problem: 1 },
      billing_problem: { billing_problem: 1, refund: 1 },
      other: { other: 1 },
    });
    expect(report.accuracy).toBeCloseTo(5 / 7, 4);
    expect(report.macroF1).toBeCloseTo((0.75 + 0.5 + 1) / 3, 4);
  });

  it('averages only the gold intents with enough rows, and names them', () => {
    const report = score(rows, 2);
    expect(report.macroF1Intents).toEqual(['billing_problem', 'refund']);
    expect(report.macroF1).toBeCloseTo((0.75 + 0.5) / 2, 4);
    expect(report.macroF1AllGoldIntents).toBeCloseTo((0.75 + 0.5 + 1) / 3, 4);
  });

  it('scores sentiment only over rows that carry it', () => {
    const report = score(
      [
        { ...row('other', 'other'), goldSentiment: 'neutral', predictedSentiment: 'neutral' },
        { ...row('other', 'other'), goldSentiment: 'negative', predictedSentiment: 'neutral' },
        row('other', 'other'),
      ],
      1,
    );
    expect(report.sentimentAccuracy).toBe(0.5);
    expect(report.sentimentConfusionMatrix).toEqual({ neutral: { neutral: 1 }, negative: { neutral: 1 } });
    expect(score([row('other', 'other')], 1)).not.toHaveProperty('sentimentAccuracy');
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile([], 95)).toBe(0);
  });
});
