import { z } from 'zod';
import { User } from '../domain/entities';
import {
  AdminTeamResponse,
  AdminTeamsResponse,
  AdminUserResponse,
  AdminUsersResponse,
  CreateTeamRequest,
  CreateUserRequest,
  RenameTeamRequest,
  UpdateUserRequest,
} from '../sync/admin';
import {
  ChannelAccountResponse,
  ChannelAccountsResponse,
  ChannelAccountTestResult,
  CreateChannelAccountRequest,
  UpdateChannelAccountRequest,
} from '../sync/channel-accounts';
import { defineCall } from './define';

/**
 * The admin screen: users, teams and membership, asked of the server (shared/sync/admin.ts), so
 * every call needs it (`server_unreachable` offline, nothing changed). Admins only: others are
 * refused `forbidden` by the engine without asking, and by the server.
 */
const Id = z.string().min(1).max(128);

export const adminUsers = defineCall('admin:users', z.object({}), AdminUsersResponse);
export const adminCreateUser = defineCall('admin:createUser', CreateUserRequest, AdminUserResponse);
export const adminUpdateUser = defineCall(
  'admin:updateUser',
  z.object({ userId: Id, patch: UpdateUserRequest }),
  AdminUserResponse,
);
export const adminTeams = defineCall('admin:teams', z.object({}), AdminTeamsResponse);
export const adminCreateTeam = defineCall('admin:createTeam', CreateTeamRequest, AdminTeamResponse);
export const adminRenameTeam = defineCall(
  'admin:renameTeam',
  z.object({ teamId: Id }).extend(RenameTeamRequest.shape),
  AdminTeamResponse,
);
/** Adds a user to a team or takes them out (the server's `POST /api/team-members`). */
export const adminSetMember = defineCall(
  'admin:setMember',
  z.object({ teamId: Id, userId: Id, member: z.boolean() }),
  z.object({ user: User }),
);

/** The brand's channel accounts and the team answering each (shared/sync/channel-accounts.ts). */
export const adminChannelAccounts = defineCall('admin:channelAccounts', z.object({}), ChannelAccountsResponse);
export const adminCreateChannelAccount = defineCall(
  'admin:createChannelAccount',
  CreateChannelAccountRequest,
  ChannelAccountResponse,
);
export const adminUpdateChannelAccount = defineCall(
  'admin:updateChannelAccount',
  z.object({ accountId: Id, patch: UpdateChannelAccountRequest }),
  ChannelAccountResponse,
);
/** Refused (`conflict`) while conversations talk to it. */
export const adminRemoveChannelAccount = defineCall(
  'admin:removeChannelAccount',
  z.object({ accountId: Id }),
  z.object({}),
);
/** The provider's answer in words; a provider that refuses or is silent is a result, not an error. */
export const adminTestChannelAccount = defineCall(
  'admin:testChannelAccount',
  z.object({ accountId: Id }),
  ChannelAccountTestResult,
);

export const adminCalls = {
  [adminUsers.name]: adminUsers,
  [adminCreateUser.name]: adminCreateUser,
  [adminUpdateUser.name]: adminUpdateUser,
  [adminTeams.name]: adminTeams,
  [adminCreateTeam.name]: adminCreateTeam,
  [adminRenameTeam.name]: adminRenameTeam,
  [adminSetMember.name]: adminSetMember,
  [adminChannelAccounts.name]: adminChannelAccounts,
  [adminCreateChannelAccount.name]: adminCreateChannelAccount,
  [adminUpdateChannelAccount.name]: adminUpdateChannelAccount,
  [adminRemoveChannelAccount.name]: adminRemoveChannelAccount,
  [adminTestChannelAccount.name]: adminTestChannelAccount,
} as const;
