// kill -9 of an engine-like process in the middle of its SQLite writes, 200 times: the cache must
// stay intact and every outbox entry the process reported as committed must still be there.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../../electron/services/db/open';
import { createRandom } from '../../scripts/chaos/random';

const ROUNDS = 200;
const SEED = 20_261_122;
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('./sqlite-writer.ts', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'caredesk-sqlite-kill-'));
const file = join(dir, 'cache.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Writer {
  child: ChildProcessWithoutNullStreams;
  /** Every complete line printed so far. */
  lines: string[];
  /** What it wrote to stderr (a crash says why here). */
  stderr(): string;
  /** Calls `listener` on each new line. */
  onLine(listener: (line: string) => void): void;
  closed: Promise<void>;
}

/**
 * The writer bundled into one plain script: under tsx every start would cost half a second of
 * transpiling and resolving, 200 times over. esbuild comes with tsx (and vite).
 */
async function bundleWriter(): Promise<string> {
  const outfile = join(dir, 'sqlite-writer.mjs');
  await build({
    entryPoints: [WRITER],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The native module stays outside, imported by its absolute path: the bundle lives in a temp folder.
    plugins: [
      {
        name: 'better-sqlite3-in-place',
        setup(plugin) {
          plugin.onResolve({ filter: /^better-sqlite3$/ }, () => ({
            path: createRequire(import.meta.url).resolve('better-sqlite3'),
            external: true,
          }));
        },
      },
    ],
    logLevel: 'error',
  });
  return outfile;
}

/** Starts a writer and resolves once its modules are loaded (it waits for "go" before opening the file). */
function spawnWriter(script: string, prefix: string): Promise<Writer> {
  const child = spawn(process.execPath, [script, file, prefix], { cwd: REPO_ROOT });
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  let partial = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const listener of listeners) listener(line);
    }
  });
  // 'close': the process is gone and everything it wrote to stdout has been read.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const writer: Writer = {
    child,
    lines,
    stderr: () => stderr,
    onLine: (listener) => void listeners.push(listener),
    closed,
  };
  return new Promise((resolve, reject) => {
    writer.onLine((line) => {
      if (line === 'loaded') resolve(writer);
    });
    void closed.then(() => reject(new Error(`writer ${prefix} exited before loading: ${stderr}`)));
  });
}

/** What the parent finds in the cache after a kill. */
function inspect(): { integrity: string; ids: Set<string> } {
  const db = openCache(file);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join('; ');
    const ids = new Set(db.prepare('SELECT id FROM outbox').pluck().all() as string[]);
    return { integrity, ids };
  } finally {
    db.close();
  }
}

describe('SQLite under kill -9', () => {
  it(`keeps the cache intact and every committed outbox entry, over ${ROUNDS} kills mid-write`, async () => {
    const script = await bundleWriter();
    const random = createRandom(SEED);
    const acknowledged = new Set<string>();
    const problems: string[] = [];
    let killedWhileWriting = 0;
    let killedBeforeOpen = 0;
    // The next writer loads while this one writes, so a round need not wait for one to start.
    let spare = spawnWriter(script, 'r0');

    for (let round = 0; round < ROUNDS; round++) {
      const writer = await spare;
      spare = spawnWriter(script, `r${round + 1}`);
      const prefix = `r${round}-`;
      // Mostly after a seeded number of committed entries (then it is inside the next one);
      // sometimes after a seeded few milliseconds (then it may be opening, recovering the WAL or migrating).
      const early = random.next() < 0.2;
      const afterEntries = random.int(1, 60);
      const afterMs = random.int(0, 25);
      let written = 0;
      let timer: NodeJS.Timeout | undefined;
      writer.onLine((line) => {
        if (!line.startsWith(prefix)) return;
        acknowledged.add(line);
        if (!early && ++written === afterEntries) writer.child.kill('SIGKILL');
      });
      writer.child.stdin.write('go\n');
      if (early) timer = setTimeout(() => writer.child.kill('SIGKILL'), afterMs);
      await writer.closed;
      clearTimeout(timer);
      if (writer.child.signalCode !== 'SIGKILL')
        problems.push(`round ${round}: writer ended on its own: ${writer.stderr()}`);
      if (writer.lines.includes('open')) killedWhileWriting++;
      else killedBeforeOpen++;

      const { integrity, ids } = inspect();
      if (integrity !== 'ok') problems.push(`round ${round}: integrity_check says ${integrity}`);
      const missing = [...acknowledged].filter((id) => !ids.has(id));
      if (missing.length > 0) problems.push(`round ${round}: committed and reported, then gone: ${missing.join(', ')}`);
      // At most one entry per kill can be committed and not yet printed.
      const unreported = [...ids].filter((id) => !acknowledged.has(id)).length;
      if (unreported > round + 1) problems.push(`round ${round}: ${unreported} entries nobody reported`);
    }
    (await spare).child.kill('SIGKILL');

    expect(problems).toEqual([]);
    expect(killedWhileWriting + killedBeforeOpen).toBe(ROUNDS);
    // Most kills must land among the writes, or the test proves little.
    expect(killedWhileWriting).toBeGreaterThan(ROUNDS * 0.6);
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * 10);
    // A guard against a hang, not a speed check: 200 process starts take over two minutes on a busy 2-core machine.
  }, 300_000);
});
