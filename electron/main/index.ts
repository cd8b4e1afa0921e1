// Electron entry: one hardened window, the engine behind IPC, the token in the OS keychain.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain, session, shell } from 'electron';
import { EVENT_NAMES } from '../../shared/api';
import { createEngine } from '../services/api/engine';
import { createSecretStore } from '../services/session/secret-store';
import { registerIpc } from './ipc';
import { nativeBindingPath } from './native';
import { blockNavigation, hardenSession, isTrustedSender, windowOptions } from './security';

const serverUrl = process.env.CAREDESK_SERVER_URL ?? 'http://127.0.0.1:4480';
const dataDir = process.env.CAREDESK_DATA ?? join(app.getPath('userData'), 'desktop');
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const appUrl = rendererUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;

app.enableSandbox();

async function main(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) =>
    blockNavigation(contents, appUrl, (url) => void shell.openExternal(url)),
  );

  const layout = { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() };
  const binding = nativeBindingPath(layout, process.versions.electron ?? '', existsSync);
  if (!binding.ok) {
    dialog.showErrorBox('Caredesk cannot open its local cache', binding.message);
    app.exit(1);
    return;
  }

  const engine = await createEngine({
    dataDir,
    serverUrl,
    secretStore: await createSecretStore(),
    nativeBinding: binding.path,
  });

  const window = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  const contentsId = window.webContents.id;
  registerIpc(ipcMain, engine.handlers, (event) =>
    isTrustedSender(event.senderFrame, event.sender.id, contentsId, appUrl),
  );
  for (const name of EVENT_NAMES) {
    engine.on(name, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(name, payload);
    });
  }
  window.once('ready-to-show', () => window.show());
  // Resume a stored session first, so the renderer's first "who am I" already sees it.
  await engine.start();
  await window.loadURL(appUrl);

  app.on('window-all-closed', () => {
    void engine.close().finally(() => app.quit());
  });
}

main().catch((error: unknown) => {
  dialog.showErrorBox('Caredesk could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
