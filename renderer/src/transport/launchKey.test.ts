import { describe, expect, it } from 'vitest';
import { takeLaunchKey } from './launchKey';

function fakes(href: string, stored: string | null = null) {
  const store = new Map<string, string>();
  if (stored) store.set('caredesk.launchKey', stored);
  const replaced: string[] = [];
  return {
    location: { href },
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)),
    },
    storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    store,
    replaced,
  };
}

describe('takeLaunchKey', () => {
  it('takes the key out of the address bar and keeps it for reloads', () => {
    const f = fakes('http://127.0.0.1:4481/?key=s3cret&x=1#top');
    expect(takeLaunchKey(f.location, f.history, f.storage)).toBe('s3cret');
    expect(f.replaced).toEqual(['/?x=1#top']);
    expect(f.store.get('caredesk.launchKey')).toBe('s3cret');
  });

  it('falls back to the stored key after a reload', () => {
    const f = fakes('http://127.0.0.1:4481/', 'kept');
    expect(takeLaunchKey(f.location, f.history, f.storage)).toBe('kept');
    expect(f.replaced).toEqual([]);
  });

  it('returns null when there is no key at all', () => {
    const f = fakes('http://127.0.0.1:4481/');
    expect(takeLaunchKey(f.location, f.history, f.storage)).toBeNull();
  });
});
