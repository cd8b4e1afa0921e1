import { z } from 'zod';
import { Channel } from '../domain/channels';
import { defineCall } from './define';

export const SearchHit = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  channel: Channel,
  customerName: z.string(),
  /** Message text with matches wrapped in [[ and ]]. */
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
