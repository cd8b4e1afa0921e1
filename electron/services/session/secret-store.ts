// Where the sign-in token is kept: the OS keychain when there is one, else this launch's memory.
// Never a file: a token on disk in plain text is a token anyone with the laptop can use.

export interface SecretStore {
  readonly kind: 'keychain' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

const SECRET_SERVICE = 'Caredesk';

/** The subset of keytar we use (keytar is an optional dependency). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'memory',
    get: (account) => Promise.resolve(secrets.get(account) ?? null),
    set: (account, secret) => {
      secrets.set(account, secret);
      return Promise.resolve();
    },
    delete: (account) => {
      secrets.delete(account);
      return Promise.resolve();
    },
  };
}

export function createKeytarSecretStore(keytar: KeytarLike, service = SECRET_SERVICE): SecretStore {
  return {
    kind: 'keychain',
    get: (account) => keytar.getPassword(service, account),
    set: (account, secret) => keytar.setPassword(service, account, secret),
    delete: async (account) => {
      await keytar.deletePassword(service, account);
    },
  };
}

/**
 * keytar's module, or null where it is not installed (an optional dependency: it does not build
 * without libsecret-1-dev on Linux) or cannot load (a build for another ABI).
 */
export async function importKeytar(): Promise<KeytarLike | null> {
  try {
    const mod = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
    return mod.default ?? mod;
  } catch {
    return null;
  }
}

/**
 * Loads keytar and checks that a keychain answers (on Linux the Secret Service may be missing
 * or locked, and a call can then fail or hang). Null when it is unusable.
 */
export async function loadKeytar(timeoutMs = 3000, load = importKeytar): Promise<KeytarLike | null> {
  const keytar = await load();
  if (keytar === null) return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const probe = await Promise.race([
      keytar.getPassword(SECRET_SERVICE, '__probe__').then(() => 'ok' as const),
      timeout,
    ]);
    return probe === 'ok' ? keytar : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The keychain when it works, else memory (the UI tells the rep via SessionInfo.secretStore). */
export async function createSecretStore(load = importKeytar): Promise<SecretStore> {
  const keytar = await loadKeytar(3000, load);
  return keytar ? createKeytarSecretStore(keytar) : createMemorySecretStore();
}
