#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into resources/native/electron-<version>/, leaving
// node_modules (the Node build that tests, the server and the browser host use) untouched.
// Needs network access to Electron's headers, so it runs on release machines (`npm run dist`).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const source = join(require.resolve('better-sqlite3/package.json'), '..');
const work = mkdtempSync(join(tmpdir(), 'caredesk-native-'));
const target = join('resources', 'native', `electron-${electronVersion}`);
try {
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${source}/build`) });
  // An npm-level `nodedir` setting would make node-gyp compile against Node's headers instead.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'),
  );
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const flags = [
    '--release',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
    '--runtime=electron',
  ];
  execFileSync(process.execPath, [nodeGyp, 'rebuild', ...flags], { cwd: work, stdio: 'inherit', env });
  mkdirSync(target, { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(target, 'better_sqlite3.node'));
  console.log(`better-sqlite3 for Electron ${electronVersion} written to ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
