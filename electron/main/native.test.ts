import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from './native';

const everywhere = () => true;

describe('Electron native binding', () => {
  it('runs unpackaged from the project resources folder, apart from the Node build', () => {
    const layout = { isPackaged: false, resourcesPath: '/opt/electron/resources', appPath: '/src/caredesk' };
    expect(nativeBindingPath(layout, '45.4.1', everywhere)).toEqual({
      ok: true,
      path: '/src/caredesk/resources/native/electron-45.4.1/better_sqlite3.node',
    });
  });

  it('runs packaged from the app resources folder, where electron-builder puts extraResources', () => {
    const layout = {
      isPackaged: true,
      resourcesPath: '/opt/Caredesk/resources',
      appPath: '/opt/Caredesk/resources/app.asar',
    };
    expect(nativeBindingPath(layout, '45.4.1', everywhere)).toEqual({
      ok: true,
      path: '/opt/Caredesk/resources/native/electron-45.4.1/better_sqlite3.node',
    });
  });

  it('explains what to do when the Electron build is missing', () => {
    const layout = { isPackaged: false, resourcesPath: '/r', appPath: '/app' };
    const missing = nativeBindingPath(layout, '45.4.1', () => false);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toMatch(/npm run native:electron/);
  });
});
