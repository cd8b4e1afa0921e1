// The brand's channel accounts as admins manage them (routes in server/http/channel-accounts.ts):
// add, rename, move to another team, remove. Admins only (`manageChannels`); every change is one
// transaction with its audit row (entity `channel_account`), and a refusal changes nothing.
// Engines never hold channel accounts, so nothing is appended to the change log.
import type { User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { normalizeAccount } from '../../shared/domain/channel-accounts';
import { CHANNEL_LABELS } from '../../shared/domain/channels';
import type {
  AdminChannelAccount,
  CreateChannelAccountRequest,
  UpdateChannelAccountRequest,
} from '../../shared/sync/channel-accounts';
import { insertAuditRow } from '../db/audit';
import type { AuditType } from '../db/audit';
import {
  countAccountConversations,
  deleteChannelAccount,
  findChannelAccount,
  insertChannelAccount,
  listAdminChannelAccounts,
  lockChannelAccount,
  teamExists,
  updateChannelAccount,
} from '../db/channel-accounts';
import type { ChannelAccount } from '../db/channel-accounts';
import type { Sql } from '../db/sql';
import { hasSqlState, SQLSTATE_UNIQUE_VIOLATION } from '../errors';
import { newId, requireAdmin } from './admin';

const NOT_FOUND = 'That channel account does not exist.';

export async function listChannelAccounts(sql: Sql, actor: User): Promise<AdminChannelAccount[]> {
  requireAdmin(actor, 'manageChannels');
  return listAdminChannelAccounts(sql);
}

/** One account as listed; not_found when it is gone. */
export async function channelAccountById(sql: Sql, actor: User, id: string): Promise<AdminChannelAccount> {
  requireAdmin(actor, 'manageChannels');
  const [account] = await listAdminChannelAccounts(sql, id);
  if (!account) throw new CaredeskError('not_found', NOT_FOUND);
  return account;
}

/** A team id the request names that does not exist: refused as the field it came in. */
async function requireTeam(sql: Sql, teamId: string): Promise<void> {
  if (!(await teamExists(sql, teamId))) {
    throw new CaredeskError('invalid_input', `Invalid input at teamId: No team ${teamId}.`);
  }
}

const taken = (request: { channel: ChannelAccount['channel'] }, account: string) =>
  new CaredeskError('conflict', `${CHANNEL_LABELS[request.channel]} account ${account} is already listed.`);

/** What an audit row keeps of an account: the brand's own identifiers and label, never a customer's. */
function audited(account: ChannelAccount): Record<string, unknown> {
  return {
    channel: account.channel,
    account: account.account,
    displayName: account.displayName,
    teamId: account.teamId,
  };
}

function audit(
  tx: Sql,
  now: number,
  actor: User,
  type: Extract<AuditType, `channel_account_${string}`>,
  id: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  teamIds: string[],
): Promise<void> {
  return insertAuditRow(tx, {
    at: now,
    actor: actor.id,
    type,
    entity: { kind: 'channel_account', id },
    before,
    after,
    teamIds,
  });
}

export async function createChannelAccount(
  sql: Sql,
  actor: User,
  request: CreateChannelAccountRequest,
  now: number,
): Promise<AdminChannelAccount> {
  requireAdmin(actor, 'manageChannels');
  const account = normalizeAccount(request.channel, request.account);
  // The contract refused it already; a caller that skipped it is refused the same way.
  if (account === null)
    throw new CaredeskError('invalid_input', 'Invalid input at account: not an account of that channel.');
  const created: ChannelAccount = {
    id: newId('chacct'),
    channel: request.channel,
    account,
    displayName: request.displayName,
    teamId: request.teamId,
  };
  try {
    await sql.transaction(async (tx) => {
      await requireTeam(tx, request.teamId);
      if (await findChannelAccount(tx, request.channel, account)) throw taken(request, account);
      await insertChannelAccount(tx, created, now);
      await audit(tx, now, actor, 'channel_account_created', created.id, null, audited(created), [created.teamId]);
    });
  } catch (error) {
    // Added meanwhile by another request: the unique constraint decides.
    if (hasSqlState(error, SQLSTATE_UNIQUE_VIOLATION)) throw taken(request, account);
    throw error;
  }
  return channelAccountById(sql, actor, created.id);
}

/** Renames the account or gives it to another team: new conversations on it open there from now on. */
export async function updateChannelAccountOf(
  sql: Sql,
  actor: User,
  id: string,
  request: UpdateChannelAccountRequest,
  now: number,
): Promise<AdminChannelAccount> {
  requireAdmin(actor, 'manageChannels');
  await sql.transaction(async (tx) => {
    const before = await lockChannelAccount(tx, id);
    if (!before) throw new CaredeskError('not_found', NOT_FOUND);
    if (request.teamId !== undefined) await requireTeam(tx, request.teamId);
    const next = {
      ...before,
      displayName: request.displayName ?? before.displayName,
      teamId: request.teamId ?? before.teamId,
    };
    const was: Record<string, unknown> = {};
    const became: Record<string, unknown> = {};
    for (const field of ['displayName', 'teamId'] as const) {
      if (next[field] === before[field]) continue;
      was[field] = before[field];
      became[field] = next[field];
    }
    if (Object.keys(became).length === 0) return;
    await updateChannelAccount(tx, id, next);
    await audit(tx, now, actor, 'channel_account_updated', id, was, became, [before.teamId, next.teamId]);
  });
  return channelAccountById(sql, actor, id);
}

/**
 * Removes an account no conversation talks to. One that any does is refused (`conflict`), never
 * detached: its conversations' replies go out through it, and the team it routes to would be lost.
 * Give it to another team instead, or remove it once its conversations are gone.
 */
export async function removeChannelAccount(sql: Sql, actor: User, id: string, now: number): Promise<void> {
  requireAdmin(actor, 'manageChannels');
  await sql.transaction(async (tx) => {
    const before = await lockChannelAccount(tx, id);
    if (!before) throw new CaredeskError('not_found', NOT_FOUND);
    const used = await countAccountConversations(tx, id);
    if (used > 0) {
      const many = used === 1 ? '1 conversation still talks' : `${used} conversations still talk`;
      throw new CaredeskError(
        'conflict',
        `${many} to ${before.displayName}, and replies go out through it: it cannot be removed. Give it to another team instead.`,
      );
    }
    await deleteChannelAccount(tx, id);
    await audit(tx, now, actor, 'channel_account_removed', id, audited(before), { deleted: true }, [before.teamId]);
  });
}
