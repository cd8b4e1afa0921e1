// The sign-in token of a chaos engine, kept in its data folder so that a restart after kill -9
// resumes the session the way the desktop app resumes from the keychain. The token belongs to a
// throwaway demo database that the run drops at the end; the app itself never writes one to disk.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../../electron/services/session/secret-store';

export function createFileSecretStore(file: string): SecretStore {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  // Written to a temporary name and renamed: a kill mid-write leaves the old file, never half of one.
  const write = (secrets: Record<string, string>) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(secrets), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    kind: 'memory',
    get: (account) => Promise.resolve(read()[account] ?? null),
    set: (account, secret) => {
      write({ ...read(), [account]: secret });
      return Promise.resolve();
    },
    delete: (account) => {
      const { [account]: _gone, ...rest } = read();
      write(rest);
      return Promise.resolve();
    },
  };
}
