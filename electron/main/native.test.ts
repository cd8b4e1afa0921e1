import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from './native';

describe('Electron native binding', () => {
  it('points at the Electron build kept apart from the Node build', () => {
    const found = nativeBindingPath('/app', '45.4.1', () => true);
    expect(found).toEqual({ ok: true, path: '/app/resources/native/electron-45.4.1/better_sqlite3.node' });
  });

  it('explains what to do when the Electron build is missing', () => {
    const missing = nativeBindingPath('/app', '45.4.1', () => false);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toMatch(/npm run native:electron/);
  });
});
