// The inbound path's reads under the sender's customer lock, in one statement (services/inbound.ts):
// each part is its own table's select, mapped by its own repository's row mapper.
import type { Channel } from '../../shared/domain/channels';
import type { Message } from '../../shared/domain/entities';
import type { IdentityKey } from '../../shared/domain/identity';
import { CHANNEL_ACCOUNT_COLUMNS, channelAccountKey, toChannelAccount } from './channel-accounts';
import type { ChannelAccount, ChannelAccountRow } from './channel-accounts';
import { IDENTITY_COLUMNS, toIdentity } from './customers';
import type { IdentityRow, StoredIdentity } from './customers';
import { MESSAGE_SELECT, toMessage } from './messages';
import type { MessageRow } from './messages';
import type { Sql } from './sql';

export interface UnderSenderLock {
  /** The sender's identity as it is now. */
  identity: StoredIdentity | null;
  /** The message already stored with this provider message id on the channel, if any. */
  earlier: Message | null;
  /** The brand's account the message reached, when it names a known one. */
  channelAccount: ChannelAccount | null;
}

/**
 * What an inbound message needs to read once its sender's customer is locked: the identity again
 * (a link may have moved it), an earlier delivery of the same provider message, and the channel
 * account it reached. One statement, so one snapshot and one round trip; a null `providerMessageId`
 * or `account` reads nothing for that part.
 */
export async function readUnderSenderLock(
  tx: Sql,
  key: IdentityKey,
  channel: Channel,
  providerMessageId: string | null,
  account: string | null,
): Promise<UnderSenderLock> {
  const [row] = await tx.query<{
    identity: IdentityRow | null;
    earlier: MessageRow | null;
    channel_account: ChannelAccountRow | null;
  }>(
    `select
       (select to_jsonb(i) from (select ${IDENTITY_COLUMNS} from identities where kind = $1 and value = $2) i) as identity,
       (select to_jsonb(m) from (select ${MESSAGE_SELECT} from messages
          where channel = $3 and provider_message_id = $4) m) as earlier,
       (select to_jsonb(a) from (select ${CHANNEL_ACCOUNT_COLUMNS} from channel_accounts
          where channel = $3 and account = $5) a) as channel_account`,
    [key.kind, key.value, channel, providerMessageId, account === null ? null : channelAccountKey(channel, account)],
  );
  return {
    identity: row?.identity ? toIdentity(row.identity) : null,
    earlier: row?.earlier ? toMessage(row.earlier) : null,
    channelAccount: row?.channel_account ? toChannelAccount(row.channel_account) : null,
  };
}
