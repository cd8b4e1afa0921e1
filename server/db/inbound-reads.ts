// The inbound path's reads under the sender's customer lock, in one statement (services/inbound.ts):
// each part is its own table's select, mapped by its own repository's row mapper.
import type { Channel } from '../../shared/domain/channels';
import type { Conversation, Message } from '../../shared/domain/entities';
import type { IdentityKey } from '../../shared/domain/identity';
import { CHANNEL_ACCOUNT_COLUMNS, channelAccountKey, toChannelAccount } from './channel-accounts';
import type { ChannelAccount, ChannelAccountRow } from './channel-accounts';
import { latestConversationForUpdate, toConversation } from './conversations';
import type { ConversationRow } from './conversations';
import { IDENTITY_COLUMNS, toIdentity } from './customers';
import type { IdentityRow, StoredIdentity } from './customers';
import { MESSAGE_SELECT, toMessage } from './messages';
import type { MessageRow } from './messages';
import type { Sql } from './sql';

export interface SenderLockRead {
  /** The sender's identity key and the customer whose lock the caller holds for it. */
  key: IdentityKey;
  customerId: string;
  channel: Channel;
  /** Null reads no earlier delivery. */
  providerMessageId: string | null;
  /** The brand's account the message reached; null reads none. */
  account: string | null;
  /** The teams the message may land in (any team when undefined). */
  teamIds: readonly string[] | undefined;
}

export interface UnderSenderLock {
  /** The sender's identity as it is now. */
  identity: StoredIdentity | null;
  /** The message already stored with this provider message id on the channel, if any. */
  earlier: Message | null;
  /** The brand's account the message reached, when it names a known one. */
  channelAccount: ChannelAccount | null;
  /**
   * The customer's most recent conversation on the channel in `teamIds`, locked (`for update`);
   * neither read nor locked when there is an earlier delivery.
   */
  latest: Conversation | null;
}

/**
 * What an inbound message needs to read once its sender's customer is locked: the identity again
 * (a link may have moved it), an earlier delivery of the same provider message, the channel account
 * it reached, and the conversation it goes to, whose row it locks (lock order: the customer, then
 * the conversation). One statement, so one snapshot and one round trip.
 */
export async function readUnderSenderLock(tx: Sql, read: SenderLockRead): Promise<UnderSenderLock> {
  const [row] = await tx.query<{
    identity: IdentityRow | null;
    earlier: MessageRow | null;
    channel_account: ChannelAccountRow | null;
    latest: ConversationRow | null;
  }>(
    `with earlier as (select ${MESSAGE_SELECT} from messages where channel = $3 and provider_message_id = $4)
     select
       (select to_jsonb(i) from (select ${IDENTITY_COLUMNS} from identities where kind = $1 and value = $2) i) as identity,
       (select to_jsonb(m) from earlier m) as earlier,
       (select to_jsonb(a) from (select ${CHANNEL_ACCOUNT_COLUMNS} from channel_accounts
          where channel = $3 and account = $5) a) as channel_account,
       case when not exists (select 1 from earlier) then
         (select to_jsonb(c) from (${latestConversationForUpdate({ customerId: '$6', channel: '$3', teamIds: '$7' })}) c)
       end as latest`,
    [
      read.key.kind,
      read.key.value,
      read.channel,
      read.providerMessageId,
      read.account === null ? null : channelAccountKey(read.channel, read.account),
      read.customerId,
      read.teamIds ? [...read.teamIds] : null,
    ],
  );
  return {
    identity: row?.identity ? toIdentity(row.identity) : null,
    earlier: row?.earlier ? toMessage(row.earlier) : null,
    channelAccount: row?.channel_account ? toChannelAccount(row.channel_account) : null,
    latest: row?.latest ? toConversation(row.latest) : null,
  };
}
