// `npm run bench:leads` (part of `npm run bench`): a lead reassigns 500 conversations at once with 50
// engines connected on loopback; the time until each engine shows all 500 with their new assignee,
// next to a bare fan-out of the same rows to as many SQLite clients measured in the same run (README.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Engine } from '../../electron/services/api/engine';
import { MAX_BULK } from '../../shared/sync/actions';
import { syncedEngine } from '../engine';
import { summarize } from '../stats';
import type { Summary } from '../stats';
import { startBenchServer } from '../sync/server';
import { startFanout } from './fanout';

const FULL = { conversations: 500, engines: 50, rounds: 6 };
const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: String(FULL.conversations) },
    engines: { type: 'string', default: String(FULL.engines) },
    rounds: { type: 'string', default: String(FULL.rounds) },
  },
});
const MOVED = Number(values.conversations);
const ENGINES = Number(values.engines);
const ROUNDS = Number(values.rounds);
const TEAM = 'team-orders';
const [FROM, TO] = ['user-rep02', 'user-rep03'];
const log = (text: string) => process.stdout.write(`${text}\n`);

const loadBefore = loadavg()[0] ?? 0;
log(
  `Caredesk reassignment bench: ${MOVED} conversations at once, ${ENGINES} engines, ${ROUNDS} rounds ` +
    `(load average ${loadBefore.toFixed(2)} on ${cpus().length} cores)`,
);
// Enough demo conversations for MOVED of them in one team.
const server = await startBenchServer(Math.ceil(MOVED * 3.2));
const ids = (
  await server.sql.query<{ id: string }>('select id from conversations where team_id = $1 order by id limit $2', [
    TEAM,
    MOVED,
  ])
).map((row) => row.id);
if (ids.length < MOVED) throw new Error(`only ${ids.length} conversations in ${TEAM}`);

// The team's other reps: copies of a demo rep (same password), so that ENGINES engines are as many people.
const extra = Math.max(0, ENGINES - 3);
await server.sql.query(
  `insert into users (id, name, email, role, password_salt, password_hash, created_at)
   select 'bench-rep-' || i, 'Bench Rep ' || i, 'bench-rep-' || i || '@northwind.example', 'rep', password_salt,
     password_hash, created_at
   from users, generate_series(1, $1) as i where id = $2`,
  [extra, FROM],
);
await server.sql.query(
  `insert into team_members (team_id, user_id) select $1, 'bench-rep-' || i from generate_series(1, $2) as i`,
  [TEAM, extra],
);
const emails = [
  'lead01@northwind.example',
  'rep02@northwind.example',
  'rep03@northwind.example',
  ...Array.from({ length: extra }, (_, i) => `bench-rep-${i + 1}@northwind.example`),
].slice(0, ENGINES);

log(`Signing in ${emails.length} engines (each syncs its teams first)…`);
const engines: Engine[] = [];
for (const email of emails) {
  engines.push(await syncedEngine(server.url, email));
}
const lead = engines[0];
if (!lead) throw new Error('no engine');
const leadEngine: Engine = lead;

/** Milliseconds from `start` until `engine`'s cache shows every moved conversation with `assigneeId`. */
function shows(engine: Engine, assigneeId: string, start: number): Promise<number> {
  const count = engine.db.prepare<[string, string], { n: number }>(
    'select count(*) as n from conversations where assignee_id = ? and id in (select value from json_each(?))',
  );
  const list = JSON.stringify(ids);
  const done = () => (count.get(assigneeId, list)?.n ?? 0) === ids.length;
  return new Promise((resolve) => {
    if (done()) return resolve(performance.now() - start);
    const stop = engine.on('inbox:changed', () => {
      if (!done()) return;
      stop();
      resolve(performance.now() - start);
    });
  });
}

/** The lead's one gesture: every moved conversation to `assigneeId`, as bulk actions of at most MAX_BULK. */
async function reassign(assigneeId: string): Promise<{ all: number[]; affected: number[] }> {
  const start = performance.now();
  const seen = engines.map((engine) => shows(engine, assigneeId, start));
  for (let i = 0; i < ids.length; i += MAX_BULK)
    await leadEngine.handlers['conversations:assign']({ conversationIds: ids.slice(i, i + MAX_BULK), assigneeId });
  const all = await Promise.all(seen);
  // Engines 1 and 2 are the two reps the conversations move between.
  return { all, affected: all.slice(1, 3) };
}

log('Moving them to the first rep (untimed)…');
await reassign(FROM);
const engineAll: number[] = [];
const engineAffected: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const { all, affected } = await reassign(round % 2 === 0 ? TO : FROM);
  engineAll.push(...all);
  engineAffected.push(...affected);
  log(`  round ${round + 1}: every engine in ${Math.max(...all).toFixed(0)} ms`);
}
for (const engine of engines) await engine.close();

log(`Baseline: the same rows fanned out to ${emails.length} plain SQLite clients…`);
const fanout = await startFanout(server.databaseUrl, emails.length, ids);
await fanout.reassign(ids, FROM);
const fanoutAll: number[] = [];
for (let round = 0; round < ROUNDS; round++)
  fanoutAll.push(...(await fanout.reassign(ids, round % 2 === 0 ? TO : FROM)));
await fanout.close();
await server.close();

const loadAfter = loadavg()[0] ?? 0;
const figures = {
  moved: MOVED,
  engines: emails.length,
  rounds: ROUNDS,
  engine: { every: summarize(engineAll), affected: summarize(engineAffected) },
  fanout: summarize(fanoutAll),
};
const row = (name: string, s: Summary) =>
  `| ${name} | ${s.p50.toFixed(0)} ms | ${s.p99.toFixed(0)} ms | ${s.max.toFixed(0)} ms | ${s.runs} |`;
log(
  [
    '',
    `| ${MOVED} conversations reassigned, ${emails.length} engines | p50 | p99 | max | samples |`,
    '| --- | --: | --: | --: | --: |',
    row('the two reps’ engines show it', figures.engine.affected),
    row('every engine shows it', figures.engine.every),
    row('baseline: bare fan-out to SQLite clients', figures.fanout),
    '',
    `p99 ratio (every engine / baseline): ${(figures.engine.every.p99 / figures.fanout.p99).toFixed(2)}`,
    `(load average ${loadAfter.toFixed(2)} after)`,
  ].join('\n'),
);
const full = MOVED >= FULL.conversations && emails.length >= FULL.engines && ROUNDS >= FULL.rounds;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', full ? 'leads.json' : 'leads-smoke.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ full, ...figures, loadAverage: { before: loadBefore, after: loadAfter } }, null, 2)}\n`,
);
log(`Written to ${out}`);
