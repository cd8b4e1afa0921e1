import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { installedElectronBinary } from './fixtures/electron-binary';

const binary = installedElectronBinary();
const electronVersion = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
const sqliteForElectron = existsSync(join('resources', 'native', `electron-${electronVersion}`, 'better_sqlite3.node'));

test('the desktop window opens sandboxed and shows sign-in', async () => {
  test.skip(
    binary === null,
    'No Electron binary: the electron package downloads it on first run and this machine cannot reach the download host.',
  );
  test.skip(
    !sqliteForElectron,
    'No better-sqlite3 build for Electron: run "npm run native:electron" where Electron\'s headers can be downloaded.',
  );
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.'],
    env: { ...process.env, CAREDESK_SERVER_URL: 'http://127.0.0.1:9' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('signin-email')).toBeVisible();
    // Sandboxed, isolated, no Node: the page sees the bridge and nothing of Node.
    const globals = await window.evaluate(() => {
      const g = globalThis as { require?: unknown; process?: unknown; caredesk?: { calls?: object } };
      return {
        require: typeof g.require,
        process: typeof g.process,
        calls: Object.keys(g.caredesk?.calls ?? {}).length,
      };
    });
    expect(globals).toMatchObject({ require: 'undefined', process: 'undefined' });
    expect(globals.calls).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});
