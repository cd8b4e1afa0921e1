import { z } from 'zod';
import { Role, User } from '../domain/entities';
import { storableText } from './text';

/**
 * The admin screens' HTTP routes on the central server (admins only: `manageUsers`,
 * `manageTeams` in shared/domain/permissions.ts). Every body is parsed by these schemas on both
 * sides; text is refused when PostgreSQL could not store it.
 */
export const AdminRoutes = {
  /** GET → AdminUsersResponse; POST CreateUserRequest → 201 AdminUserResponse. */
  users: '/api/admin/users',
  /** PATCH UpdateUserRequest → AdminUserResponse. */
  user: (userId: string) => `/api/admin/users/${encodeURIComponent(userId)}`,
  /** GET → AdminTeamsResponse; POST CreateTeamRequest → 201 AdminTeamResponse. */
  teams: '/api/admin/teams',
  /** PATCH RenameTeamRequest → AdminTeamResponse. */
  team: (teamId: string) => `/api/admin/teams/${encodeURIComponent(teamId)}`,
  /** POST `{ teamId, userId, member }` → `{ user }`: leads for their own teams, admins any (server README). */
  teamMembers: '/api/team-members',
} as const;

/** Path patterns of `AdminRoutes.user` and `AdminRoutes.team`, for the server's router. */
export const ADMIN_USER_PATH = /^\/api\/admin\/users\/([^/]+)$/;
export const ADMIN_TEAM_PATH = /^\/api\/admin\/teams\/([^/]+)$/;

/** A password an admin sets: long enough to resist guessing (no other rule). */
export const MIN_PASSWORD_LENGTH = 12;

const Name = storableText(z.string().trim().min(1, 'A name is needed.').max(200));
const Email = storableText(
  z
    .string()
    .trim()
    .max(320)
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'That is not an email address.'),
);
const Password = storableText(
  z.string().min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`).max(1024),
);
const Id = storableText(z.string().min(1).max(128));
/** Minor units; null: the role's default (reps 5000, leads and admins none). */
const RefundLimit = z.number().int().nonnegative().max(1_000_000_000).nullable();

/** A user as an admin sees them: the synced record plus what only admins see. */
export const AdminUser = User.extend({
  /** Minor units; null: the role's default. */
  refundLimitCents: z.number().int().nonnegative().nullable(),
  /** False: deactivated (cannot sign in; kept for the audit log). */
  active: z.boolean(),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUsersResponse = z.object({ users: z.array(AdminUser) });
export type AdminUsersResponse = z.infer<typeof AdminUsersResponse>;
export const AdminUserResponse = z.object({ user: AdminUser });
export type AdminUserResponse = z.infer<typeof AdminUserResponse>;

export const CreateUserRequest = z.object({
  email: Email,
  name: Name,
  role: Role,
  password: Password,
  /** Ignored for admins, who belong to every team. */
  teamIds: z.array(Id).max(100).default([]),
  refundLimitCents: RefundLimit.default(null),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** Only the fields given change; at least one is needed. */
export const UpdateUserRequest = z
  .object({
    name: Name.optional(),
    role: Role.optional(),
    refundLimitCents: RefundLimit.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((value) => Object.values(value).some((field) => field !== undefined), 'Say what to change.');
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const AdminTeam = z.object({
  id: z.string(),
  name: z.string(),
  /** Its members (not the admins, who belong to every team), by id. */
  memberIds: z.array(z.string()),
});
export type AdminTeam = z.infer<typeof AdminTeam>;

export const AdminTeamsResponse = z.object({ teams: z.array(AdminTeam) });
export type AdminTeamsResponse = z.infer<typeof AdminTeamsResponse>;
export const AdminTeamResponse = z.object({ team: AdminTeam });
export type AdminTeamResponse = z.infer<typeof AdminTeamResponse>;

export const CreateTeamRequest = z.object({ name: Name }).strict();
export type CreateTeamRequest = z.infer<typeof CreateTeamRequest>;
export const RenameTeamRequest = z.object({ name: Name }).strict();
export type RenameTeamRequest = z.infer<typeof RenameTeamRequest>;
