// `npm run bench:ingest` (part of `npm run bench`): webhook ingest on the embedded store and on
// PostgreSQL — throughput, and the latency from webhook sent to the message in a connected engine's
// cache at a steady rate — each next to a raw insert of the same message in the same run (README.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { channelSecretsFromEnv } from '../../server/channels/config';
import { syncedEngine } from '../engine';
import { summarize } from '../stats';
import type { Summary } from '../stats';
import { startServerProcess } from '../sync/server';
import { closedLoop, deliveries, MARKER, openLoop, post } from './load';
import { rawStore } from './raw';

const FULL = { requests: 3000, rate: 200, seconds: 15 };
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: String(FULL.requests) },
    concurrency: { type: 'string', default: '16' },
    rate: { type: 'string', default: String(FULL.rate) },
    seconds: { type: 'string', default: String(FULL.seconds) },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const CONVERSATIONS = 300;
const WARMUP = 100;
const ADMIN = 'admin@northwind.example';
const log = (text: string) => process.stdout.write(`${text}\n`);

// The server and the deliveries share these secrets (the simulator signs as providers do).
const ENV = {
  CAREDESK_PUBLIC_URL: 'https://care.example.com',
  TWILIO_AUTH_TOKEN: 'bench-twilio',
  META_APP_SECRET: 'bench-meta',
  META_VERIFY_TOKEN: 'bench-verify',
  X_CONSUMER_SECRET: 'bench-x',
  POSTMARK_INBOUND_USER: 'bench',
  POSTMARK_INBOUND_PASSWORD: 'bench-postmark',
};
const secrets = channelSecretsFromEnv(ENV);

interface StoreFigures {
  store: 'embedded' | 'postgres';
  throughput: { requests: number; ms: number; rawMs: number };
  latency: { sent: number; failed: number; seen: number; engine: Summary; answer: Summary; raw: Summary };
}

let counter = 0;
const batch = (count: number) => {
  const items = deliveries(secrets, count, counter);
  counter += count;
  return items;
};

async function measure(store: 'embedded' | 'postgres'): Promise<StoreFigures> {
  log(`\n${store}: starting a server with ${CONVERSATIONS} demo conversations…`);
  const server = await startServerProcess(CONVERSATIONS, { store, env: ENV });
  const raw = await rawStore(server.sql, CONVERSATIONS);
  try {
    const send = (item: ReturnType<typeof batch>[number]) => post(server.url, item.make());
    await closedLoop(batch(WARMUP), CONCURRENCY, send);
    await closedLoop(batch(WARMUP), CONCURRENCY, raw.insert);

    log(`${store}: ${REQUESTS} webhooks, ${CONCURRENCY} in flight…`);
    const ms = await closedLoop(batch(REQUESTS), CONCURRENCY, send);
    const rawMs = await closedLoop(batch(REQUESTS), CONCURRENCY, raw.insert);

    log(`${store}: ${RATE}/s for ${SECONDS} s with an engine connected…`);
    const engine = await syncedEngine(server.url, ADMIN);

    const items = batch(RATE * SECONDS);
    const first = items[0]?.n ?? 0;
    const seenAt = new Map<number, number>();
    const newer = engine.db.prepare<[number], { seq: number; body: string }>(
      'select seq, body from messages where seq > ? order by seq',
    );
    let lastSeq = (engine.db.prepare('select coalesce(max(seq), 0) as s from messages').get() as { s: number }).s;
    engine.on('inbox:changed', () => {
      const now = performance.now();
      for (const row of newer.all(lastSeq)) {
        lastSeq = row.seq;
        const n = Number(MARKER.exec(row.body)?.[1] ?? NaN);
        if (n >= first && !seenAt.has(n)) seenAt.set(n, now);
      }
    });
    const sent = await openLoop(items, RATE, send);
    // Every accepted delivery is waited for, for two minutes at most: the table says how many arrived.
    const deadline = performance.now() + 120_000;
    while (seenAt.size < items.length - sent.failed && performance.now() < deadline) await sleep(50);
    const engineMs = items.flatMap((item, i) => {
      const at = seenAt.get(item.n);
      return at === undefined ? [] : [at - (sent.dueAt[i] ?? at)];
    });
    const rawAt = await openLoop(batch(RATE * SECONDS), RATE, raw.insert);
    await engine.close();
    return {
      store,
      throughput: { requests: REQUESTS, ms, rawMs },
      latency: {
        sent: items.length,
        failed: sent.failed,
        seen: seenAt.size,
        engine: summarize(engineMs),
        answer: summarize(sent.durations),
        raw: summarize(rawAt.durations),
      },
    };
  } finally {
    await raw.close();
    await server.close();
  }
}

function table(rows: StoreFigures[]): string {
  const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const lines = [
    '| store | webhooks/s | raw inserts/s | ratio | engine sees it p50 / p99 | webhook answered p50 / p99 | raw insert p50 / p99 | seen |',
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const f of rows) {
    const t = f.throughput;
    const l = f.latency;
    lines.push(
      `| ${f.store} | ${rate(t.requests, t.ms)} | ${rate(t.requests, t.rawMs)} | ${(t.rawMs / t.ms).toFixed(3)} | ` +
        `${ms(l.engine.p50)} / ${ms(l.engine.p99)} | ${ms(l.answer.p50)} / ${ms(l.answer.p99)} | ` +
        `${ms(l.raw.p50)} / ${ms(l.raw.p99)} | ${l.seen} of ${l.sent}${l.failed ? ` (${l.failed} failed)` : ''} |`,
    );
  }
  return lines.join('\n');
}

const loadBefore = loadavg()[0] ?? 0;
log(
  `Caredesk ingest bench: ${REQUESTS} webhooks at ${CONCURRENCY} in flight; ${RATE}/s for ${SECONDS} s ` +
    `(load average ${loadBefore.toFixed(2)} on ${cpus().length} cores)`,
);
const rows: StoreFigures[] = [];
for (const store of ['embedded', 'postgres'] as const) rows.push(await measure(store));
const loadAfter = loadavg()[0] ?? 0;
log(`\n${table(rows)}\n(load average ${loadAfter.toFixed(2)} after)`);
const full = REQUESTS >= FULL.requests && RATE >= FULL.rate && SECONDS >= FULL.seconds;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', full ? 'ingest.json' : 'ingest-smoke.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ full, concurrency: CONCURRENCY, rate: RATE, seconds: SECONDS, loadAverage: { before: loadBefore, after: loadAfter }, rows }, null, 2)}\n`,
);
log(`Written to ${out}`);
