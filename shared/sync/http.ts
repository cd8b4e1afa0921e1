import { z } from 'zod';
import { CSAT_QUESTION_MAX } from '../domain/csat';
import { User } from '../domain/entities';
import { SlaPolicy } from '../domain/sla';
import { storableText } from './text';

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
  /**
   * POST CustomerErasureRequest with `Authorization: Bearer <token>` of an admin → CustomerErasureResponse:
   * erases the customer and everything of theirs (server README "Erasure").
   */
  customerErasure: (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}/erasure`,
  /**
   * PUT TeamCsatRequest with `Authorization: Bearer <token>` of a lead of the team or an admin → 204:
   * the question the team sends when a conversation is resolved (null: none).
   */
  teamCsat: (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}/csat`,
  /**
   * GET → RoutingSettings; PUT RoutingSettings → RoutingSettings (as stored), with
   * `Authorization: Bearer <token>` of a lead of the team or an admin (`shared/domain/routing.ts`).
   */
  teamRouting: (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}/routing`,
  /**
   * PUT TeamSlaRequest with `Authorization: Bearer <token>` of a lead of the team or an admin → 204:
   * the team's service levels (null: the default policy), sent to every engine with the team.
   */
  teamSla: (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}/sla`,
} as const;

/** The path pattern of `HttpRoutes.teamCsat`. */
export const TEAM_CSAT_PATH = /^\/api\/teams\/([^/]+)\/csat$/;

export const TeamCsatRequest = z.object({
  /** Checked again on the server (shared/domain/csat.ts `CSAT_QUESTION_MAX`). */
  question: storableText(z.string().trim().min(1).max(CSAT_QUESTION_MAX)).nullable(),
});
export type TeamCsatRequest = z.infer<typeof TeamCsatRequest>;

/** The path pattern of `HttpRoutes.teamSla`. */
export const TEAM_SLA_PATH = /^\/api\/teams\/([^/]+)\/sla$/;

export const TeamSlaRequest = z.object({ sla: SlaPolicy.nullable() });
export type TeamSlaRequest = z.infer<typeof TeamSlaRequest>;

/** The path pattern of `HttpRoutes.teamRouting`, for the server's router. */
export const TEAM_ROUTING_PATH = /^\/api\/teams\/([^/]+)\/routing$/;

/** The path pattern of `HttpRoutes.customerErasure`, for the server's router. */
export const CUSTOMER_ERASURE_PATH = /^\/api\/customers\/([^/]+)\/erasure$/;

export const CustomerErasureRequest = z.object({
  /** The customer's name as the admin typed it, to confirm (compared ignoring case and extra spaces). */
  confirmName: z.string().max(200),
});
export type CustomerErasureRequest = z.infer<typeof CustomerErasureRequest>;

export const CustomerErasureResponse = z.object({
  customerId: z.string(),
  /** How many of each were removed. */
  erased: z.object({
    customers: z.number().int().nonnegative(),
    identities: z.number().int().nonnegative(),
    orders: z.number().int().nonnegative(),
    conversations: z.number().int().nonnegative(),
    messages: z.number().int().nonnegative(),
    notes: z.number().int().nonnegative(),
  }),
  /**
   * False when the erasure committed but the VACUUM FULL after it failed (logged): the table files
   * may still hold the old row versions until an operator runs it (server README "Erasure").
   */
  vacuumed: z.boolean(),
});
export type CustomerErasureResponse = z.infer<typeof CustomerErasureResponse>;

/** Names compared as a confirmation: case, and spaces around and between words, ignored. */
export function sameName(typed: string, name: string): boolean {
  const fold = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
  return fold(typed) !== '' && fold(typed) === fold(name);
}

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
