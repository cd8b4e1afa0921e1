import { z } from 'zod';
import { User } from '../domain/entities';

/** HTTP routes of the central server used by engines (besides socket.io on the same port). */
export const HttpRoutes = {
  health: '/health',
  signIn: '/api/session',
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
});
export type HealthResponse = z.infer<typeof HealthResponse>;
