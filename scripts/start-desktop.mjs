#!/usr/bin/env node
// `npm start`: the central server (embedded, with demo data) and the Electron app against it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
let electronPath = null;
try {
  electronPath = require('electron');
} catch {
  electronPath = null;
}
if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
  console.error('The Electron binary is not installed (it downloads on first run and its host could not be reached).');
  console.error('Use "npm run web" to run Caredesk in a browser instead.');
  process.exit(1);
}

// better-sqlite3 for Electron's ABI lives apart from the Node build; make it on first start.
const electronVersion = require('electron/package.json').version;
if (!existsSync(`resources/native/electron-${electronVersion}/better_sqlite3.node`)) {
  console.log(`Building SQLite for Electron ${electronVersion} (first start only)…`);
  const built = spawnSync(process.execPath, ['scripts/build-electron-native.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) {
    console.error(
      'Could not build SQLite for Electron (it needs Electron\'s headers from the network). Use "npm run web" meanwhile.',
    );
    process.exit(1);
  }
}

const SERVER_URL = process.env.CAREDESK_SERVER_URL ?? 'http://127.0.0.1:4480';

function launchApp(onExit) {
  const app = spawn(electronPath, ['.'], {
    stdio: 'inherit',
    env: { ...process.env, CAREDESK_SERVER_URL: SERVER_URL },
  });
  app.on('exit', (code) => {
    onExit();
    process.exit(code ?? 0);
  });
}

// A server already answering there (another `npm start` or `npm run web`) is shared.
const running = await fetch(`${SERVER_URL}/health`, { signal: AbortSignal.timeout(1500) }).then(
  (res) => res.ok,
  () => false,
);
if (running) {
  console.log(`Using the Caredesk server already running at ${SERVER_URL}`);
  launchApp(() => {});
} else {
  const port = new URL(SERVER_URL).port || '4480';
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', '--port', port, '--data', '.caredesk/server', '--demo'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  createInterface({ input: server.stdout }).on('line', (line) => {
    console.log(line);
    if (/^Caredesk server listening on /.test(line)) launchApp(() => server.kill('SIGTERM'));
  });
  server.on('exit', (code) => {
    if (code) process.exit(code);
  });
}
