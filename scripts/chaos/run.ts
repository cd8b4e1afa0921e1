// `npm run chaos [-- --actions 10000 --seed 1 --conversations 300 --keep]`: see README.md.
import { parseArgs } from 'node:util';
import { passed, runChaos } from './harness';
import { formatReport } from './report';

const { values } = parseArgs({
  options: {
    actions: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    conversations: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return value;
}

function nonNegativeInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be an integer of 0 or more, got ${text}`);
  return value;
}

async function main(): Promise<void> {
  const report = await runChaos({
    actions: positiveInteger('actions', values.actions),
    seed: nonNegativeInteger('seed', values.seed),
    conversations: positiveInteger('conversations', values.conversations),
    keep: values.keep,
    log: values.quiet ? undefined : (line) => console.log(line),
  });
  console.log(formatReport(report));
  process.exitCode = passed(report) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
