import { join } from 'node:path';

type NativeBinding = { ok: true; path: string } | { ok: false; message: string };

interface AppLayout {
  isPackaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources land in a packaged app. */
  resourcesPath: string;
  /** app.getAppPath(): the project folder when run unpackaged. */
  appPath: string;
}

/**
 * better-sqlite3 built for Electron's ABI, kept apart from the Node build tests use: in
 * `resources/native/` of the project when unpackaged, in the app's resources folder when
 * packaged (electron-builder.yml copies resources/native there).
 */
export function nativeBindingPath(
  layout: AppLayout,
  electronVersion: string,
  exists: (path: string) => boolean,
): NativeBinding {
  const root = layout.isPackaged ? layout.resourcesPath : join(layout.appPath, 'resources');
  const path = join(root, 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
  if (exists(path)) return { ok: true, path };
  return {
    ok: false,
    message:
      `The SQLite module built for Electron ${electronVersion} is missing (${path}). ` +
      'Run "npm run native:electron" once with network access to Electron\'s headers, or use "npm run web".',
  };
}
