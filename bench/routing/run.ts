// `npm run bench:routing` (part of `npm run bench`): routing decisions per second on PostgreSQL in
// fewest-open and round-robin modes, next to the same writes with a plain rotation (README.md).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { MODES, measureRouting } from './measure';
import { isFullSize, resultsFile, table } from './report';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '2000' },
    reps: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '5' },
  },
});
const sizes = { conversations: Number(values.conversations), reps: Number(values.reps), rounds: Number(values.rounds) };
const log = (text: string) => process.stdout.write(`${text}\n`);

const loadBefore = loadavg()[0] ?? 0;
log(
  `Caredesk routing bench: ${sizes.conversations} queued conversations, ${sizes.reps} reps online, ` +
    `${sizes.rounds} rounds per mode (load average ${loadBefore.toFixed(2)} on ${cpus().length} cores)`,
);
const figures = await measureRouting(sizes, log);
const loadAfter = loadavg()[0] ?? 0;
log('');
log(table(figures));
log(`(load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after)`);

const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const full = isFullSize(sizes);
const out = resultsFile(sizes);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      full,
      at: new Date().toISOString(),
      commit,
      node: process.version,
      ...figures,
      ratios: Object.fromEntries(MODES.map((mode) => [mode, figures.modes[mode].ratio])),
      loadAverage: { before: loadBefore, after: loadAfter },
    },
    null,
    2,
  )}\n`,
);
log(`Written to ${out}`);
