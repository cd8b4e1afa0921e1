import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { blockNavigation, hardenSession, isTrustedSender, windowOptions } from './security';

const appUrl = 'file:///opt/caredesk/out/renderer/index.html';

describe('window options', () => {
  it('keeps context isolation and the sandbox on and Node out of the renderer', () => {
    const prefs = windowOptions('/p/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs?.preload).toBe('/p/preload.cjs');
  });
});

describe('session hardening', () => {
  it('denies every permission request and check, and sends the CSP', () => {
    let requestHandler: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    let headersHandler:
      | ((
          d: { responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
        ) => void)
      | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
      webRequest: { onHeadersReceived: (h: typeof headersHandler) => (headersHandler = h) },
    };
    hardenSession(session as never);
    const granted: boolean[] = [];
    requestHandler?.({}, 'media', (g) => granted.push(g));
    requestHandler?.({}, 'notifications', (g) => granted.push(g));
    expect(granted).toEqual([false, false]);
    expect(checkHandler?.()).toBe(false);
    let headers: Record<string, string[]> | undefined;
    headersHandler?.({ responseHeaders: { 'X-A': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers?.['X-A']).toEqual(['1']);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });
});

describe('navigation', () => {
  function guarded() {
    const listeners = new Map<string, (e: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const opened: string[] = [];
    const contents = {
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
      on: (name: string, l: (e: { preventDefault(): void }, url: string) => void) => listeners.set(name, l),
    };
    blockNavigation(contents as never, appUrl, (url) => opened.push(url));
    const navigate = (url: string, event = 'will-navigate') => {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    return { navigate, opened, open: (url: string) => openHandler?.({ url }) };
  }

  it('denies new windows, sending web links to the system browser and nothing else anywhere', () => {
    const { open, opened } = guarded();
    expect(open('https://www.ups.com/track?tracknum=1Z999')).toEqual({ action: 'deny' });
    expect(open('http://carrier.example/track')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('smb://share/x')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.ups.com/track?tracknum=1Z999', 'http://carrier.example/track']);
  });

  it('blocks navigation and redirects away from the app, allows reloading it', () => {
    const { navigate } = guarded();
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('https://evil.example/', 'will-redirect')).toBe(true);
    expect(navigate(`${appUrl}#inbox`)).toBe(false);
  });
});

describe('IPC sender check', () => {
  const frame = { url: appUrl, parent: null };
  it('trusts only the app window main frame at the app URL', () => {
    expect(isTrustedSender(frame, 7, 7, appUrl)).toBe(true);
    expect(isTrustedSender(frame, 8, 7, appUrl)).toBe(false);
    expect(isTrustedSender({ url: appUrl, parent: {} }, 7, 7, appUrl)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, 7, 7, appUrl)).toBe(false);
    expect(isTrustedSender(null, 7, 7, appUrl)).toBe(false);
    expect(isTrustedSender(frame, 7, null, appUrl)).toBe(false);
  });
});
