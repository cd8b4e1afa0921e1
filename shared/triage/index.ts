import { loadModel, predictWith, type TriageModel, type WeightsFile } from './model';
import { intentSchema, sentimentSchema, type Intent, type Sentiment } from './taxonomy';
import weightsFile from './weights.json';

export * from './taxonomy';
export { featurise, hashString } from './features';
export { normaliseText, tokenise } from './normalise';
export { loadModel, predictWith, type TriageModel, type WeightsFile } from './model';

export interface Triage {
  intent: Intent;
  intentConfidence: number;
  sentiment: Sentiment;
  sentimentConfidence: number;
}

let model: TriageModel | undefined;

/** The committed model, decoded on first use (a few milliseconds, once per process). */
export function triageModel(): TriageModel {
  model ??= loadModel(weightsFile as WeightsFile);
  return model;
}

/** Intent and sentiment of one inbound customer message. */
export function triage(text: string, using: TriageModel = triageModel()): Triage {
  const { intent, sentiment } = predictWith(using, text);
  return {
    intent: intentSchema.parse(intent.label),
    intentConfidence: intent.confidence,
    sentiment: sentimentSchema.parse(sentiment.label),
    sentimentConfidence: sentiment.confidence,
  };
}
