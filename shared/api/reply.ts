import { z } from 'zod';
import { Message, SuggestionOutcome } from '../domain/entities';
import { defineCall } from './define';

/**
 * Stored at once as pending in the local outbox; the sync sends it and marks it sent.
 * A reply written from a stale view — an inbound message newer than `seenMessageId` has arrived
 * since — is refused with `stale_view` unless `confirmStale` is set: the rep rereads or confirms.
 */
export const sendReply = defineCall(
  'reply:send',
  z.object({
    conversationId: z.string().min(1).max(128),
    body: z.string().trim().min(1, 'Write a reply first').max(10_000),
    /** The newest message the rep had on screen; omitted skips the stale-view check. */
    seenMessageId: z.string().max(128).nullable().optional(),
    confirmStale: z.boolean().optional(),
    /** What the rep did with the suggestions offered for this reply; omitted when none were. */
    suggestion: SuggestionOutcome.optional(),
  }),
  Message,
);

export const replyCalls = { [sendReply.name]: sendReply } as const;
