import { z } from 'zod';
import { Channel } from '../domain/channels';
import { defineCall } from './define';

/**
 * Around each match in `SearchHit.snippet`: control characters no message body can contain
 * (the engine strips them before storing and indexing), so text like "[[x]]" stays text.
 */
export const SNIPPET_MATCH_START = '\u0002';
export const SNIPPET_MATCH_END = '\u0003';

export const SearchHit = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  channel: Channel,
  customerName: z.string(),
  /**
   * Message text with each match wrapped in SNIPPET_MATCH_START (U+0002) and SNIPPET_MATCH_END
   * (U+0003); '…' where text was cut. Plain text, never HTML.
   */
  snippet: z.string(),
  createdAt: z.number().int(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** Newest first; the last word is matched as a prefix, for type-ahead. */
export const searchMessages = defineCall(
  'search:messages',
  z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(30) }),
  z.object({ hits: z.array(SearchHit) }),
);

export const searchCalls = { [searchMessages.name]: searchMessages } as const;
