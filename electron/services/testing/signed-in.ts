import type { Db } from '../db/open';
import { getMeta, setMeta } from '../db/meta';
import type { SecretStore } from '../session/secret-store';
import { encodeStoredToken, tokenAccount } from '../session/token';
import { userData } from './fixtures';

/** Marks a cache as signed in by `userId` against `serverUrl`, with its token in `secretStore`, as a sign-in leaves it. */
export async function markSignedIn(db: Db, secretStore: SecretStore, serverUrl: string, userId: string): Promise<void> {
  setMeta(db, 'user_id', userId);
  setMeta(db, 'user', JSON.stringify(userData(userId)));
  setMeta(db, 'server_url', serverUrl);
  await secretStore.set(
    tokenAccount(serverUrl, getMeta(db, 'install_id') ?? ''),
    encodeStoredToken({ token: 't', userId }),
  );
}
