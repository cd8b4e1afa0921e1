import { writeFileSync } from 'node:fs';
import { DEFAULT_OPTIONS, WEIGHTS_PATH, buildWeights, weightsJson } from './train';

/**
 * `npm run build:intents [-- --seed N]`: expands the examples in shared/triage/examples/, trains
 * the intent and sentiment heads and writes shared/triage/weights.json, which inference loads.
 */
function main(): void {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEFAULT_OPTIONS.seed;
  if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
  const out = args.includes('--out') ? args[args.indexOf('--out') + 1]! : WEIGHTS_PATH;
  const started = performance.now();
  const file = buildWeights({ ...DEFAULT_OPTIONS, seed, expand: { ...DEFAULT_OPTIONS.expand, seed } });
  const json = weightsJson(file);
  writeFileSync(out, json);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${file.examples} examples, ${(json.length / 1e6).toFixed(2)} MB written to ${out} in ${seconds} s`);
}

main();
