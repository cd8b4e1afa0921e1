import { join } from 'node:path';

/** Folder of better-sqlite3 built for Electron's ABI, kept apart from the Node build tests use. */
function electronNativeDir(appPath: string, electronVersion: string): string {
  return join(appPath, 'resources', 'native', `electron-${electronVersion}`);
}

type NativeBinding = { ok: true; path: string } | { ok: false; message: string };

export function nativeBindingPath(
  appPath: string,
  electronVersion: string,
  exists: (path: string) => boolean,
): NativeBinding {
  const path = join(electronNativeDir(appPath, electronVersion), 'better_sqlite3.node');
  if (exists(path)) return { ok: true, path };
  return {
    ok: false,
    message:
      `The SQLite module built for Electron ${electronVersion} is missing (${path}). ` +
      'Run "npm run native:electron" once with network access to Electron\'s headers, or use "npm run web".',
  };
}
