import type { Channel } from '../../shared/domain/channels';
import type { AdminChannelAccount } from '../../shared/sync/channel-accounts';
import { num } from './sql';
import type { Sql } from './sql';

/** One of the brand's accounts on a channel, and the team that answers it (migration 008). */
export interface ChannelAccount {
  id: string;
  channel: Channel;
  /** As the provider names it: a number, a phone number id, a page or user id, an address. */
  account: string;
  displayName: string;
  teamId: string;
}

export interface ChannelAccountRow {
  id: string;
  channel: Channel;
  account: string;
  display_name: string;
  team_id: string;
}

export const CHANNEL_ACCOUNT_COLUMNS = 'id, channel, account, display_name, team_id';

/** Email addresses are matched without regard to case; every other provider id exactly. */
export function channelAccountKey(channel: Channel, account: string): string {
  return channel === 'email' ? account.trim().toLowerCase() : account.trim();
}

export async function insertChannelAccount(sql: Sql, account: ChannelAccount, now: number): Promise<void> {
  await sql.query(
    `insert into channel_accounts (id, channel, account, display_name, team_id, created_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      account.id,
      account.channel,
      channelAccountKey(account.channel, account.account),
      account.displayName,
      account.teamId,
      now,
    ],
  );
}

export async function findChannelAccount(sql: Sql, channel: Channel, account: string): Promise<ChannelAccount | null> {
  const rows = await sql.query<ChannelAccountRow>(
    `select ${CHANNEL_ACCOUNT_COLUMNS} from channel_accounts where channel = $1 and account = $2`,
    [channel, channelAccountKey(channel, account)],
  );
  return rows[0] ? toChannelAccount(rows[0]) : null;
}

export function toChannelAccount(row: ChannelAccountRow): ChannelAccount {
  return { id: row.id, channel: row.channel, account: row.account, displayName: row.display_name, teamId: row.team_id };
}

/** Records the account a conversation talks to (the one its latest inbound message reached). */
export async function setConversationChannelAccount(
  tx: Sql,
  conversationId: string,
  channelAccountId: string,
): Promise<void> {
  await tx.query(
    'update conversations set channel_account_id = $2 where id = $1 and channel_account_id is distinct from $2',
    [conversationId, channelAccountId],
  );
}

// What the admin screen reads and changes (services/channel-accounts.ts decides who may).

interface AdminChannelAccountRow extends ChannelAccountRow {
  team_name: string;
  created_at: string | number;
  conversations: string | number;
}

/** Each account with its team's name and how many conversations talk to it, by channel then account. */
export async function listAdminChannelAccounts(sql: Sql, id: string | null = null): Promise<AdminChannelAccount[]> {
  // One pass over the conversations that name an account (no index on it: the list is short and rare).
  const rows = await sql.query<AdminChannelAccountRow>(
    `with used as (
       select channel_account_id, count(*) as n from conversations
       where channel_account_id is not null and ($1::text is null or channel_account_id = $1)
       group by channel_account_id
     )
     select ca.id, ca.channel, ca.account, ca.display_name, ca.team_id, t.name as team_name, ca.created_at,
       coalesce(used.n, 0) as conversations
     from channel_accounts ca
     join teams t on t.id = ca.team_id
     left join used on used.channel_account_id = ca.id
     where $1::text is null or ca.id = $1
     order by ca.channel, ca.account`,
    [id],
  );
  return rows.map((row) => ({
    ...toChannelAccount(row),
    teamName: row.team_name,
    conversations: num(row.conversations),
    createdAt: num(row.created_at),
  }));
}

/**
 * The account, its row locked until the transaction ends: an inbound message that would name it
 * (its foreign key check) waits, so a count of its conversations stays true until the change commits.
 */
export async function lockChannelAccount(tx: Sql, id: string): Promise<ChannelAccount | null> {
  const rows = await tx.query<ChannelAccountRow>(
    'select id, channel, account, display_name, team_id from channel_accounts where id = $1 for update',
    [id],
  );
  return rows[0] ? toChannelAccount(rows[0]) : null;
}

export async function updateChannelAccount(
  tx: Sql,
  id: string,
  next: { displayName: string; teamId: string },
): Promise<void> {
  await tx.query('update channel_accounts set display_name = $2, team_id = $3 where id = $1', [
    id,
    next.displayName,
    next.teamId,
  ]);
}

/** How many conversations talk to the account. */
export async function countAccountConversations(sql: Sql, id: string): Promise<number> {
  const rows = await sql.query<{ n: string | number }>(
    'select count(*) as n from conversations where channel_account_id = $1',
    [id],
  );
  return num(rows[0]?.n ?? 0);
}

export async function deleteChannelAccount(tx: Sql, id: string): Promise<void> {
  await tx.query('delete from channel_accounts where id = $1', [id]);
}

export async function teamExists(sql: Sql, teamId: string): Promise<boolean> {
  return (await sql.query('select 1 from teams where id = $1 for share', [teamId])).length > 0;
}
