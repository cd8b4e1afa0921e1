import { z } from 'zod';
import { Message } from '../domain/entities';
import { defineCall } from './define';

/** Stored at once as pending in the local outbox; the sync sends it and marks it sent. */
export const sendReply = defineCall(
  'reply:send',
  z.object({
    conversationId: z.string().min(1).max(128),
    body: z.string().trim().min(1, 'Write a reply first').max(10_000),
  }),
  Message,
);

export const replyCalls = { [sendReply.name]: sendReply } as const;
