// `npm run web`: the engine and the renderer in a browser, with an embedded server unless
// --server points at one.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../services/api/engine';
import { createSecretStore } from '../services/session/secret-store';
import { findRunningServer, startEmbeddedServer } from './embedded-server';
import type { EmbeddedServer } from './embedded-server';
import { startWebHost } from './host';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4481' },
    data: { type: 'string', default: '.caredesk' },
    server: { type: 'string' },
    // A stable port: the engine's cache and token belong to one server address.
    'server-port': { type: 'string', default: '4480' },
  },
});

const root = resolve(import.meta.dirname, '../..');
const dataDir = resolve(values.data);
const log = (line: string) => process.stdout.write(`${line}\n`);

let embedded: EmbeddedServer | null = null;
let serverUrl = values.server ?? '';
if (!serverUrl) {
  const port = Number(values['server-port']);
  const running = port === 0 ? null : await findRunningServer(`http://127.0.0.1:${port}`);
  if (running) {
    serverUrl = running;
  } else {
    try {
      embedded = await startEmbeddedServer({ root, dataDir: join(dataDir, 'server'), port, log });
    } catch (error) {
      log(error instanceof Error ? error.message : String(error));
      log(`Pass --server-port <n> to run the embedded server on another port, or --server <url> to use a running one.`);
      process.exit(1);
    }
    serverUrl = embedded.url;
  }
}

const secretStore = await createSecretStore();
const engine = await createEngine({ dataDir: join(dataDir, 'web'), serverUrl, secretStore });
await engine.start();

let host;
try {
  host = await startWebHost({ engine, staticDir: join(root, 'out/renderer'), port: Number(values.port) });
} catch (error) {
  log(
    `Could not open the browser host on port ${values.port}: ${error instanceof Error ? error.message : String(error)}`,
  );
  log('Pass --port <n> to choose another, or --port 0 for any free port.');
  await engine.close();
  await embedded?.stop();
  process.exit(1);
}

log(`Caredesk server: ${serverUrl}${embedded ? ' (embedded)' : values.server ? '' : ' (already running)'}`);
log(`Sign-in token kept in: ${secretStore.kind === 'keychain' ? 'the OS keychain' : 'memory, for this launch only'}`);
log(`Caredesk is ready. Open ${host.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await host.close();
  await engine.close();
  await embedded?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
