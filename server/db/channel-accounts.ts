import type { Channel } from '../../shared/domain/channels';
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
