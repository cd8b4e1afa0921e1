import { z } from 'zod';
import type { InboundEvent, MediaReference, WebhookOutcome } from '../event';
import { epochMs } from '../payload';

// X ids pass 2^53: only their string forms (`id_str`, `*_id_str`, DM ids) are read, never the numbers.

const XMedia = z.object({ media_url_https: z.string(), type: z.string().optional() });

const DirectMessageEvent = z.object({
  type: z.string(),
  id: z.string().min(1),
  created_timestamp: z.string().optional(),
  message_create: z
    .object({
      sender_id: z.string().min(1),
      message_data: z.object({
        text: z.string().optional(),
        attachment: z.object({ media: XMedia }).optional(),
      }),
    })
    .optional(),
});

const XUser = z.object({ id_str: z.string().min(1), screen_name: z.string().optional(), name: z.string().optional() });

const PostEvent = z.object({
  id_str: z.string().min(1),
  text: z.string().optional(),
  extended_tweet: z.object({ full_text: z.string() }).optional(),
  timestamp_ms: z.string().optional(),
  in_reply_to_status_id_str: z.string().nullish(),
  user: XUser,
  retweeted_status: z.unknown().optional(),
  extended_entities: z.object({ media: z.array(XMedia) }).optional(),
});

/** An Account Activity delivery: the brand's user id and one kind of activity. */
export const XDelivery = z.looseObject({
  for_user_id: z.string().min(1),
  direct_message_events: z.array(DirectMessageEvent).optional(),
  tweet_create_events: z.array(PostEvent).optional(),
  users: z.record(z.string(), z.object({ screen_name: z.string().optional(), name: z.string().optional() })).optional(),
});
type XDelivery = z.infer<typeof XDelivery>;

const READ = new Set([
  'for_user_id',
  'direct_message_events',
  'tweet_create_events',
  'users',
  'apps',
  'user_has_blocked',
]);

/** A screen name as people write it on X: "@pennbrooke1". */
function atHandle(screenName: string | undefined): string | null {
  return screenName ? `@${screenName}` : null;
}

function media(item: z.infer<typeof XMedia>): MediaReference {
  const contentType = item.type === 'photo' ? 'image/*' : item.type ? 'video/*' : 'application/octet-stream';
  return { url: item.media_url_https, providerMediaId: null, contentType, size: null, filename: null };
}

function directMessages(delivery: XDelivery, ignored: string[]): InboundEvent[] {
  const events: InboundEvent[] = [];
  for (const event of delivery.direct_message_events ?? []) {
    const create = event.message_create;
    if (event.type !== 'message_create' || !create) {
      ignored.push(`X direct message event "${event.type}" (${event.id})`);
      continue;
    }
    // What the brand sends comes back as an event too: it is ours, not the customer's.
    if (create.sender_id === delivery.for_user_id) {
      ignored.push(`X direct message sent by the brand (${event.id})`);
      continue;
    }
    const user = delivery.users?.[create.sender_id];
    const attachment = create.message_data.attachment;
    events.push({
      channel: 'x',
      account: delivery.for_user_id,
      sender: { id: create.sender_id, handle: atHandle(user?.screen_name), name: user?.name ?? null },
      sentAt: epochMs(event.created_timestamp, 'milliseconds'),
      body: create.message_data.text ?? '',
      media: attachment ? [media(attachment.media)] : [],
      thread: {},
      kind: 'direct',
      providerMessageId: event.id,
      subject: null,
    });
  }
  return events;
}

function mentions(delivery: XDelivery, ignored: string[]): InboundEvent[] {
  const events: InboundEvent[] = [];
  for (const post of delivery.tweet_create_events ?? []) {
    if (post.user.id_str === delivery.for_user_id || post.retweeted_status !== undefined) {
      ignored.push(`X post ${post.id_str} by the brand or a repost`);
      continue;
    }
    events.push({
      channel: 'x',
      account: delivery.for_user_id,
      sender: { id: post.user.id_str, handle: atHandle(post.user.screen_name), name: post.user.name ?? null },
      sentAt: epochMs(post.timestamp_ms, 'milliseconds'),
      body: post.extended_tweet?.full_text ?? post.text ?? '',
      media: (post.extended_entities?.media ?? []).map(media),
      thread: post.in_reply_to_status_id_str ? { inReplyToPostId: post.in_reply_to_status_id_str } : {},
      kind: 'mention',
      providerMessageId: post.id_str,
      subject: null,
    });
  }
  return events;
}

/** Direct messages and public mentions; every other activity (favourites, follows, typing…) is ignored. */
export function parseX(delivery: XDelivery): WebhookOutcome {
  const ignored = Object.keys(delivery)
    .filter((key) => !READ.has(key))
    .map((key) => `X activity "${key}"`);
  return { messages: [...directMessages(delivery, ignored), ...mentions(delivery, ignored)], statuses: [], ignored };
}
