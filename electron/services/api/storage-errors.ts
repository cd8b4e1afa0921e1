import type { ApiHandlers, CallName } from '../../../shared/api';
import { asStorageError } from '../db/errors';
import type { Db } from '../db/open';

type AnyHandler = (input: never) => Promise<unknown>;

/**
 * Every call answers a full disk with `storage_full`, wherever in the call SQLite raised it
 * (the mapping itself is `db/errors.ts`). Writes are transactions, so nothing is half-done.
 */
export function withStorageErrors(handlers: ApiHandlers, db: Db): ApiHandlers {
  const guarded: Partial<Record<CallName, AnyHandler>> = {};
  for (const name of Object.keys(handlers) as CallName[]) {
    const handler: AnyHandler = handlers[name];
    guarded[name] = async (input) => {
      try {
        return await handler(input);
      } catch (error) {
        throw asStorageError(error, db);
      }
    };
  }
  return guarded as ApiHandlers;
}
