import { z } from 'zod';
import { accountProblem } from '../domain/channel-accounts';
import { Channel } from '../domain/channels';
import { storableText } from './text';

/**
 * The admin screen's channel accounts on the central server (admins only: `manageChannels` in
 * shared/domain/permissions.ts): the brand's number, page or address on each channel and the team
 * that answers it (inbound messages open their conversation in that team). Every body is parsed by
 * these schemas on both sides.
 */
export const ChannelAccountRoutes = {
  /** GET → ChannelAccountsResponse; POST CreateChannelAccountRequest → 201 ChannelAccountResponse. */
  list: '/api/admin/channel-accounts',
  /** PATCH UpdateChannelAccountRequest → ChannelAccountResponse; DELETE → 204. */
  one: (id: string) => `/api/admin/channel-accounts/${encodeURIComponent(id)}`,
  /** POST (no body) → ChannelAccountTestResult: whether the provider answers for it. */
  test: (id: string) => `/api/admin/channel-accounts/${encodeURIComponent(id)}/test`,
} as const;

/** Path patterns of `ChannelAccountRoutes.one` and `.test`, for the server's router. */
export const CHANNEL_ACCOUNT_PATH = /^\/api\/admin\/channel-accounts\/([^/]+)$/;
export const CHANNEL_ACCOUNT_TEST_PATH = /^\/api\/admin\/channel-accounts\/([^/]+)\/test$/;

const DisplayName = storableText(z.string().trim().min(1, 'A display name is needed.').max(200));
const TeamId = storableText(z.string().min(1, 'Choose the team that answers it.').max(128));

export const AdminChannelAccount = z.object({
  id: z.string(),
  channel: Channel,
  /** As the provider names it (a phone number in E.164, an id, an address lower-cased). */
  account: z.string(),
  displayName: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  /** Conversations that talk to it (replies go out through it): while any do, it cannot be removed. */
  conversations: z.number().int().nonnegative(),
  createdAt: z.number().int().nonnegative(),
});
export type AdminChannelAccount = z.infer<typeof AdminChannelAccount>;

export const ChannelAccountsResponse = z.object({ accounts: z.array(AdminChannelAccount) });
export type ChannelAccountsResponse = z.infer<typeof ChannelAccountsResponse>;
export const ChannelAccountResponse = z.object({ account: AdminChannelAccount });
export type ChannelAccountResponse = z.infer<typeof ChannelAccountResponse>;

/** The account is checked against its channel (`accountProblem`); the server stores it normalised. */
export const CreateChannelAccountRequest = z
  .object({
    channel: Channel,
    account: storableText(z.string().trim().min(1, 'The account is needed.').max(320)),
    displayName: DisplayName,
    teamId: TeamId,
  })
  .strict()
  .superRefine((value, context) => {
    const problem = accountProblem(value.channel, value.account);
    if (problem) context.addIssue({ code: 'custom', path: ['account'], message: problem });
  });
export type CreateChannelAccountRequest = z.infer<typeof CreateChannelAccountRequest>;

/** Only the fields given change; at least one is needed. The channel and account never change. */
export const UpdateChannelAccountRequest = z
  .object({ displayName: DisplayName.optional(), teamId: TeamId.optional() })
  .strict()
  .refine((value) => value.displayName !== undefined || value.teamId !== undefined, 'Say what to change.');
export type UpdateChannelAccountRequest = z.infer<typeof UpdateChannelAccountRequest>;

/**
 * Whether the provider answered for the account with the server's credentials: `status` is the
 * provider's HTTP status (null when none came: not configured, unreachable, timed out), `message`
 * says it in words ("Twilio answered: account active").
 */
export const ChannelAccountTestResult = z.object({
  ok: z.boolean(),
  status: z.number().int().nullable(),
  message: z.string(),
});
export type ChannelAccountTestResult = z.infer<typeof ChannelAccountTestResult>;
