import { featurise, type Features } from '../../shared/triage/features';
import { encodeBase64, type HeadFile, type WeightsFile } from '../../shared/triage/model';
import { INTENTS, SENTIMENTS } from '../../shared/triage/taxonomy';
import { buildExamples, type Example, type ExpandOptions } from './expand';
import { seededRandom, shuffle } from '../../shared/random';

/**
 * Multinomial logistic regression trained by averaged stochastic gradient descent: one pass
 * order per epoch from the seed, a decaying step, L2 on the weights a step touches. Plain
 * arithmetic in a fixed order, so the same seed and examples give the same bytes.
 */
export interface TrainOptions {
  seed: number;
  dimBits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** 1 gives every label the same total weight, 0 weighs examples as they come, between is between. */
  classBalance: number;
  expand: ExpandOptions;
}

export const DEFAULT_OPTIONS: TrainOptions = {
  seed: 20260601,
  dimBits: 17,
  epochs: 8,
  learningRate: 0.5,
  l2: 1e-4,
  classBalance: 1,
  expand: { seed: 20260601, perTemplate: 6, dressings: 2, literalDressings: 5, combined: 0.08 },
};

interface Trained {
  weights: Float64Array;
  bias: Float64Array;
}

export function trainHead(
  features: readonly Features[],
  labels: readonly number[],
  classes: number,
  options: TrainOptions,
  seed: number,
): Trained {
  const dim = 1 << options.dimBits;
  const w = new Float64Array(dim * classes);
  const u = new Float64Array(dim * classes);
  const b = new Float64Array(classes);
  const ub = new Float64Array(classes);

  // Each label carries the same total weight, so a label with many templates does not drown the rest.
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  const present = counts.filter((c) => c > 0).length;
  const classWeight = counts.map((c) => (c > 0 ? (labels.length / (present * c)) ** options.classBalance : 0));

  const random = seededRandom(seed);
  const order = labels.map((_, i) => i);
  const scores = new Float64Array(classes);
  let step = 1;
  const total = options.epochs * labels.length;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(random, order);
    for (const i of order) {
      const x = features[i]!;
      const y = labels[i]!;
      const lr = options.learningRate / (1 + (4 * step) / total);
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        let s = b[c]!;
        for (let k = 0; k < x.indices.length; k++) s += x.values[k]! * w[x.indices[k]! * classes + c]!;
        scores[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        scores[c] = Math.exp(scores[c]! - max);
        sum += scores[c]!;
      }
      const cw = classWeight[y]!;
      for (let c = 0; c < classes; c++) {
        const g = cw * (scores[c]! / sum - (c === y ? 1 : 0));
        b[c]! -= lr * g;
        ub[c]! -= step * lr * g;
        for (let k = 0; k < x.indices.length; k++) {
          const j = x.indices[k]! * classes + c;
          const delta = lr * (g * x.values[k]! + options.l2 * w[j]!);
          w[j]! -= delta;
          u[j]! -= step * delta;
        }
      }
      step++;
    }
  }
  // Averaged weights: w - u / step.
  for (let j = 0; j < w.length; j++) w[j] = w[j]! - u[j]! / step;
  for (let c = 0; c < classes; c++) b[c] = b[c]! - ub[c]! / step;
  return { weights: w, bias: b };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function quantise(trained: Trained, labels: readonly string[]): HeadFile {
  let maxAbs = 0;
  for (const v of trained.weights) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = Math.max(1e-9, Number((maxAbs / 127).toPrecision(6)));
  const bytes = new Int8Array(trained.weights.length);
  for (let j = 0; j < bytes.length; j++) {
    bytes[j] = Math.max(-127, Math.min(127, Math.round(trained.weights[j]! / scale)));
  }
  return {
    labels: [...labels],
    scale,
    bias: Array.from(trained.bias, round6),
    weights: encodeBase64(new Uint8Array(bytes.buffer)),
  };
}

export function trainModel(examples: readonly Example[], options: TrainOptions): WeightsFile {
  const features = examples.map((e) => featurise(e.text, options.dimBits));
  const intentLabels = examples.map((e) => INTENTS.indexOf(e.intent));
  const sentimentLabels = examples.map((e) => SENTIMENTS.indexOf(e.sentiment));
  const intent = trainHead(features, intentLabels, INTENTS.length, options, options.seed);
  const sentiment = trainHead(features, sentimentLabels, SENTIMENTS.length, options, options.seed + 1);
  return {
    format: 'caredesk-triage-1',
    seed: options.seed,
    dimBits: options.dimBits,
    examples: examples.length,
    intent: quantise(intent, INTENTS),
    sentiment: quantise(sentiment, SENTIMENTS),
  };
}

export const WEIGHTS_PATH = new URL('../../shared/triage/weights.json', import.meta.url).pathname;

/** The weights file's text: one key a line, so a rebuild's diff stays readable. */
export function weightsJson(file: WeightsFile): string {
  return JSON.stringify(file, null, 1) + '\n';
}

export function buildWeights(options: TrainOptions = DEFAULT_OPTIONS): WeightsFile {
  return trainModel(buildExamples(options.expand), options);
}
