// The engine side of the suggestion bench: a cache built by the engine's own sync path from the
// bench's generator, the suggestion call as the renderer makes it, and the conversations it is timed on.
import type { ApiHandlers, ConversationSuggestions } from '../../shared/api';
import { apiCalls } from '../../shared/api';
import { shuffle, seededRandom } from '../../shared/random';
import { createAssistSettings } from '../../electron/services/assist/settings';
import { dispatchCall } from '../../electron/services/api/dispatch';
import { suggestionHandlers } from '../../electron/services/api/suggestions';
import { applyPage } from '../../electron/services/db/changes';
import { getConversation } from '../../electron/services/db/conversations';
import { getMeta } from '../../electron/services/db/meta';
import { openCache } from '../../electron/services/db/open';
import type { Db } from '../../electron/services/db/open';
import { getUser } from '../../electron/services/db/people';
import { createMemorySecretStore } from '../../electron/services/session/secret-store';
import { ME, firstSync } from '../generate';
import type { Sizes } from '../generate';

/** A cache at `file` filled as a first sync fills it (`applyPage`, pages of 1,000), as `bench/run.ts` builds its own. */
export function buildCache(file: string, sizes: Sizes): Db {
  const db = openCache(file);
  for (const page of firstSync(sizes)) applyPage(db, page, page.at(-1)?.seq ?? 0);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return db;
}

/**
 * `suggestions:forConversation` as the renderer asks it (`{ conversationId }`, no phrasing) through the
 * engine's one entry point (`dispatchCall`: input parsed, handler run), signed in as the bench's rep, the
 * language model off (as it is until an admin turns it on), the clock at `now`.
 */
export function suggestionCall(db: Db, now: number): (conversationId: string) => Promise<ConversationSuggestions> {
  const user = getUser(db, ME.id);
  if (!user) throw new Error(`the cache has no user ${ME.id}`);
  const assist = createAssistSettings(db, createMemorySecretStore(), getMeta(db, 'install_id') ?? 'bench');
  const handlers = suggestionHandlers({ db, clock: () => now, requireUser: () => user, assist }) as ApiHandlers;
  const name = 'suggestions:forConversation';
  return async (conversationId) => {
    const result = await dispatchCall(handlers, name, { conversationId });
    if (!result.ok) throw new Error(`${name} failed for ${conversationId}: ${result.error.message}`);
    return result.value as ConversationSuggestions;
  };
}

/** Checks an answer against the contract, as the renderer's transport would receive it (not timed). */
export function parseSuggestions(value: unknown): ConversationSuggestions {
  return apiCalls['suggestions:forConversation'].output.parse(value);
}

/**
 * `count` conversations of the cache, the same ones on every run (`seed`), each with an inbound message
 * to answer and a customer with orders, read through the engine (`getConversation`).
 */
export function pickConversations(db: Db, sizes: Sizes, count: number, seed = 7): string[] {
  const order = shuffle(
    seededRandom(seed),
    Array.from({ length: sizes.conversations }, (_, i) => i),
  );
  const picked: string[] = [];
  for (const index of order) {
    if (picked.length === count) break;
    const id = `c${index}`;
    const detail = getConversation(db, id);
    if (detail.orders.length > 0 && detail.messages.some((m) => m.direction === 'inbound')) picked.push(id);
  }
  if (picked.length < count) throw new Error(`only ${picked.length} of ${count} conversations qualify`);
  return picked;
}
