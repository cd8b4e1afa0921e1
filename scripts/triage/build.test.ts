import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, WEIGHTS_PATH, buildWeights, weightsJson } from './train';

// The full build (about 20,000 messages) takes 10-20 s on two shared cores; the limit leaves room.
const BUILD_TIMEOUT_MS = 180_000;

describe('npm run build:intents', () => {
  it('rebuilds the installed weights exactly from the seed', { timeout: BUILD_TIMEOUT_MS }, () => {
    // Built at install (package.json postinstall) with the same seed.
    const committed = readFileSync(WEIGHTS_PATH, 'utf8');
    const rebuilt = weightsJson(buildWeights(DEFAULT_OPTIONS));
    // Compare the text, not a parsed object: a diff of megabytes of base64 is no help to anyone.
    expect(rebuilt.length).toBe(committed.length);
    expect(rebuilt === committed).toBe(true);
  });

  it('keeps the weights file small enough to ship in every process', () => {
    expect(readFileSync(WEIGHTS_PATH).length).toBeLessThan(5_000_000);
  });
});
