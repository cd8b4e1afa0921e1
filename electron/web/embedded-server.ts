import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { HealthResponse, HttpRoutes } from '../../shared/sync';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/** A Caredesk server already answering at this address (e.g. from `npm start`), or null. */
export async function findRunningServer(url: string): Promise<string | null> {
  try {
    const res = await fetch(url + HttpRoutes.health, { signal: AbortSignal.timeout(1500) });
    return HealthResponse.safeParse(await res.json()).success ? url : null;
  } catch {
    return null;
  }
}

const READY = /^Caredesk server listening on (http:\/\/\S+)/;

/**
 * Runs the central server as a child process (the same `server/cli.ts` a team deploys),
 * forwarding its output, and resolves once it listens.
 */
export function startEmbeddedServer(options: {
  root: string;
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<EmbeddedServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', '--port', String(options.port), '--data', options.dataDir, '--demo'],
    { cwd: options.root, stdio: ['ignore', 'pipe', 'pipe'], env: embeddedEnv() },
  );
  return new Promise((resolve, reject) => {
    let ready = false;
    const onLine = (line: string) => {
      options.log(line);
      const match = READY.exec(line);
      if (match?.[1] && !ready) {
        ready = true;
        resolve({ url: match[1], stop: () => stopChild(child) });
      }
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`The embedded Caredesk server exited (code ${code}) before it was ready.`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Several processes need PostgreSQL; an embedded server on PGlite fans out in-process only. */
function embeddedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (!env.DATABASE_URL) delete env.REDIS_URL;
  return env;
}
