import { z } from 'zod';
import { User } from '../domain/entities';
import { defineCall } from './define';

export const SessionInfo = z.object({
  user: User.nullable(),
  serverUrl: z.string(),
  /** Where the sign-in token is kept, so the UI can say so. */
  secretStore: z.enum(['keychain', 'memory']),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/**
 * Signing in as someone other than the user the cache belongs to empties the cache. When that
 * user's replies are still waiting in the outbox, the engine refuses with `unsent_replies`
 * (after checking the password, before changing anything) unless the rep chose to discard them.
 */
export const signIn = defineCall(
  'session:signIn',
  z.object({
    email: z.string().trim().min(1, 'Enter your email').max(320),
    password: z.string().min(1, 'Enter your password').max(1024),
    discardUnsentReplies: z.boolean().default(false),
  }),
  SessionInfo,
);
/**
 * Signing out empties the local cache. Replies still waiting in the outbox would be lost, so
 * the engine refuses with `unsent_replies` unless the rep chose to discard them.
 */
export const signOut = defineCall(
  'session:signOut',
  z.object({ discardUnsentReplies: z.boolean().default(false) }),
  SessionInfo,
);
export const me = defineCall('session:me', z.object({}), SessionInfo);

export const sessionCalls = { [signIn.name]: signIn, [signOut.name]: signOut, [me.name]: me } as const;
