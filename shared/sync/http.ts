import { z } from 'zod';
import { User } from '../domain/entities';

/** HTTP routes of the central server used by engines (besides socket.io on the same port). */
export const HttpRoutes = {
  /** GET → HealthResponse. */
  health: '/health',
  /** POST SignInRequest → SignInResponse. */
  signIn: '/api/session',
  /**
   * DELETE with `Authorization: Bearer <token>` → 204: ends that session on the server and
   * disconnects its sockets. Also 204 when the token is unknown or already ended.
   */
  signOut: '/api/session',
} as const;

export const SignInRequest = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const SignInResponse = z.object({
  token: z.string(),
  /** Epoch milliseconds. */
  expiresAt: z.number().int(),
  user: User,
});
export type SignInResponse = z.infer<typeof SignInResponse>;

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  storage: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean() }),
  protocol: z.number().int(),
  /** How pokes reach sockets: this process only, or every server process through Redis. */
  fanout: z.enum(['local', 'redis']).optional(),
  /**
   * Whether pokes reach every process right now: false while Redis is lost (this process still
   * serves its own sockets, so `status` stays `ok`; engines catch up by pulling). Always true for `local`.
   */
  fanoutOk: z.boolean().optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
