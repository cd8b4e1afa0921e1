import { featurise, type Features } from './features';

/**
 * A linear head over hashed features: one weight per (bucket, label), stored as signed bytes
 * times one scale, row-major by bucket so one feature's weights sit side by side.
 */
export interface HeadFile {
  labels: string[];
  scale: number;
  bias: number[];
  /** base64 of `2^dimBits * labels.length` signed bytes. */
  weights: string;
}

/** The committed weights file, as written by `npm run build:intents`. */
export interface WeightsFile {
  format: 'caredesk-triage-1';
  seed: number;
  dimBits: number;
  examples: number;
  intent: HeadFile;
  sentiment: HeadFile;
}

export interface Head {
  labels: readonly string[];
  scale: number;
  bias: Float64Array;
  weights: Int8Array;
}

export interface Prediction<L extends string = string> {
  label: L;
  confidence: number;
  /** Probability per label, in the head's label order. */
  probabilities: number[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_INDEX[BASE64.charCodeAt(i)] = i;

/** Plain base64 without Node's Buffer or the browser's atob, so it runs in every process. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let k = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = BASE64_INDEX[clean.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Error(`Not base64 at ${i}`);
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63]! : '=';
  }
  return out;
}

export function loadHead(file: HeadFile, dimBits: number): Head {
  const bytes = decodeBase64(file.weights);
  const expected = (1 << dimBits) * file.labels.length;
  if (bytes.length !== expected) throw new Error(`Head has ${bytes.length} weights, expected ${expected}`);
  return {
    labels: file.labels,
    scale: file.scale,
    bias: Float64Array.from(file.bias),
    weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length),
  };
}

export function softmax(scores: Float64Array): number[] {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  const out = new Array<number>(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i] ?? 0) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

export function predictHead(head: Head, features: Features): Prediction {
  const classes = head.labels.length;
  const scores = new Float64Array(classes);
  const { indices, values } = features;
  const { weights } = head;
  for (let k = 0; k < indices.length; k++) {
    const row = (indices[k] ?? 0) * classes;
    const v = (values[k] ?? 0) * head.scale;
    for (let c = 0; c < classes; c++) scores[c] = (scores[c] ?? 0) + v * (weights[row + c] ?? 0);
  }
  for (let c = 0; c < classes; c++) scores[c] = (scores[c] ?? 0) + (head.bias[c] ?? 0);
  const probabilities = softmax(scores);
  let best = 0;
  for (let c = 1; c < classes; c++) if ((probabilities[c] ?? 0) > (probabilities[best] ?? 0)) best = c;
  return { label: head.labels[best] ?? '', confidence: probabilities[best] ?? 0, probabilities };
}

export interface TriageModel {
  dimBits: number;
  intent: Head;
  sentiment: Head;
}

export function loadModel(file: WeightsFile): TriageModel {
  return {
    dimBits: file.dimBits,
    intent: loadHead(file.intent, file.dimBits),
    sentiment: loadHead(file.sentiment, file.dimBits),
  };
}

export function predictWith(model: TriageModel, text: string): { intent: Prediction; sentiment: Prediction } {
  const features = featurise(text, model.dimBits);
  return { intent: predictHead(model.intent, features), sentiment: predictHead(model.sentiment, features) };
}
