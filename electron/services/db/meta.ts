import type { Db } from './open';
import { prepared } from './statements';

/** Keys of the meta table. */
export type MetaKey =
  | 'cursor'
  | 'user_id'
  | 'user'
  | 'server_url'
  | 'token_expires_at'
  | 'last_synced_at'
  /** Random, made once per cache: names this cache's keychain entry (see session/token.ts). */
  | 'install_id'
  /** JSON array: the teams of the signed-in user that the cached conversations were pulled for. */
  | 'synced_team_ids';

export function getMeta(db: Db, key: MetaKey): string | null {
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Db, key: MetaKey, value: string): void {
  prepared(
    db,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** The highest change seq applied; 0 before the first sync. */
export function getCursor(db: Db): number {
  const value = getMeta(db, 'cursor');
  return value === null ? 0 : Number(value);
}
