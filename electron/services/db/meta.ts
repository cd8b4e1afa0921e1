import type { Db } from './open';
import { prepared } from './statements';

/** Keys of the meta table. */
type MetaKey = 'cursor' | 'user_id' | 'user' | 'server_url' | 'token_expires_at' | 'last_synced_at';

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
