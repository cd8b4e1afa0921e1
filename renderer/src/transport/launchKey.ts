const STORAGE_KEY = 'caredesk.launchKey';

/**
 * The browser host prints a URL with its per-launch secret in `?key=`. Read it once, keep it in
 * sessionStorage (so a reload in this tab still works) and take it out of the address bar, so it
 * does not end up in history, screenshots or a copied link.
 */
export function takeLaunchKey(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('key');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(STORAGE_KEY);
}
