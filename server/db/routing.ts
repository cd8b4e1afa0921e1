// Routing's storage (migration 015): team settings, reps' skills, who has been offline since when,
// and the queue routing reads. The decision is services/routing/.
import type { Channel } from '../../shared/domain/channels';
import type { Conversation, Order } from '../../shared/domain/entities';
import { DEFAULT_ROUTING } from '../../shared/domain/routing';
import type { RepRouting, RoutingMode, RoutingSettings } from '../../shared/domain/routing';
import { CONVERSATION_COLUMNS, toConversation } from './conversations';
import type { ConversationRow } from './conversations';
import { json, num } from './sql';
import type { Sql } from './sql';

/** First key of the per-team advisory lock (the second is the team id's hash). */
const ROUTING_LOCK = 44_800_015;

/**
 * Takes the team's routing lock for the rest of the transaction, without waiting: false when another
 * transaction (this process or another) holds it, i.e. is routing the team right now.
 */
export async function tryLockTeamRouting(tx: Sql, teamId: string): Promise<boolean> {
  const rows = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1, hashtext($2)) as locked', [
    ROUTING_LOCK,
    teamId,
  ]);
  return rows[0]?.locked === true;
}

export interface StoredRouting {
  settings: RoutingSettings;
  /** Round robin's cursor: who routing assigned last. */
  lastAssigneeId: string | null;
}

interface SettingsRow {
  mode: RoutingMode;
  max_open: number | null;
  channel_max_open: RoutingSettings['channelMaxOpen'];
  offline_return_minutes: number | null;
  last_assignee_id: string | null;
}

interface RepRow {
  user_id: string;
  max_open: number | null;
  languages: RepRouting['languages'];
  channels: Channel[];
  product_lines: string[];
}

/** A team's settings; a team never configured has the defaults (manual). */
export async function getRouting(sql: Sql, teamId: string): Promise<StoredRouting> {
  const [settings] = await sql.query<SettingsRow>(
    `select mode, max_open, channel_max_open, offline_return_minutes, last_assignee_id
     from routing_settings where team_id = $1`,
    [teamId],
  );
  if (!settings) return { settings: DEFAULT_ROUTING, lastAssigneeId: null };
  const reps = await sql.query<RepRow>(
    `select user_id, max_open, languages, channels, product_lines from routing_reps where team_id = $1 order by user_id`,
    [teamId],
  );
  return {
    settings: {
      mode: settings.mode,
      maxOpen: settings.max_open,
      channelMaxOpen: settings.channel_max_open,
      offlineReturnMinutes: settings.offline_return_minutes,
      reps: reps.map((rep) => ({
        userId: rep.user_id,
        maxOpen: rep.max_open,
        languages: rep.languages,
        channels: rep.channels,
        productLines: rep.product_lines,
      })),
    },
    lastAssigneeId: settings.last_assignee_id,
  };
}

/** Replaces a team's settings and reps' skills (in the caller's transaction). */
export async function saveRouting(
  tx: Sql,
  teamId: string,
  settings: RoutingSettings,
  now: number,
  by: string,
): Promise<void> {
  await tx.query(
    `insert into routing_settings (team_id, mode, max_open, channel_max_open, offline_return_minutes, updated_at, updated_by)
     values ($1, $2, $3, $4::text::jsonb, $5, $6, $7)
     on conflict (team_id) do update set mode = excluded.mode, max_open = excluded.max_open,
       channel_max_open = excluded.channel_max_open, offline_return_minutes = excluded.offline_return_minutes,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [teamId, settings.mode, settings.maxOpen, json(settings.channelMaxOpen), settings.offlineReturnMinutes, now, by],
  );
  await tx.query('delete from routing_reps where team_id = $1', [teamId]);
  if (settings.reps.length === 0) return;
  await tx.query(
    `insert into routing_reps (team_id, user_id, max_open, languages, channels, product_lines)
     select $1, r->>'userId', (r->>'maxOpen')::int, r->'languages', r->'channels', r->'productLines'
     from jsonb_array_elements($2::text::jsonb) as r`,
    [teamId, json(settings.reps)],
  );
}

export async function setLastAssignee(tx: Sql, teamId: string, userId: string): Promise<void> {
  await tx.query('update routing_settings set last_assignee_id = $2 where team_id = $1', [teamId, userId]);
}

/** Teams whose routing has something to do: a mode other than manual, or an offline return delay. */
export async function listRoutedTeams(sql: Sql): Promise<string[]> {
  const rows = await sql.query<{ team_id: string }>(
    `select team_id from routing_settings where mode <> 'manual' or offline_return_minutes is not null order by team_id`,
  );
  return rows.map((row) => row.team_id);
}

/** Those of `userIds` that exist and are not members of `teamId` (a settings row must name members). */
export async function notMembers(sql: Sql, teamId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await sql.query<{ id: string }>(
    `select u.id from unnest($2::text[]) as u(id)
     where not exists (select 1 from team_members m where m.team_id = $1 and m.user_id = u.id) order by u.id`,
    [teamId, [...userIds]],
  );
  return rows.map((row) => row.id);
}

export interface QueuedConversation {
  conversation: Conversation;
  /** The customer's latest inbound message (its language and sentiment), if any. */
  latestInbound: string | null;
  orders: Order[];
}

/**
 * The team's unassigned open conversations, oldest `limit` first, unlocked: routing locks only the
 * ones it gives away (`lockIfQueued`), so reps acting on the others never wait for a pass.
 */
export async function readQueue(sql: Sql, teamId: string, limit: number): Promise<QueuedConversation[]> {
  const rows = await sql.query<ConversationRow & { latest_inbound: string | null; orders: Order[] }>(
    `select ${CONVERSATION_COLUMNS.replace(/(\w+)/g, 'c.$1')},
       (select m.body from messages m where m.conversation_id = c.id and m.direction = 'inbound'
        order by m.created_at desc limit 1) as latest_inbound,
       coalesce((select jsonb_agg(o.doc) from orders o where o.customer_id = c.customer_id), '[]'::jsonb) as orders
     from conversations c
     where c.team_id = $1 and c.assignee_id is null and c.status = 'open'
     order by c.created_at, c.id limit $2`,
    [teamId, limit],
  );
  return rows.map((row) => ({
    conversation: toConversation(row),
    latestInbound: row.latest_inbound,
    orders: row.orders,
  }));
}

/**
 * Locks a conversation routing chose, as it is now, if it is still unassigned and open; null when
 * it is not (taken meanwhile) or another transaction holds it (a rep acting on it: the next pass).
 */
export async function lockIfQueued(tx: Sql, id: string): Promise<Conversation | null> {
  const rows = await tx.query<ConversationRow>(
    `select ${CONVERSATION_COLUMNS} from conversations
     where id = $1 and assignee_id is null and status = 'open' for update skip locked`,
    [id],
  );
  return rows[0] ? toConversation(rows[0]) : null;
}

export interface RepLoad {
  userId: string;
  /** Open conversations (`open` or `pending`) assigned to them, in every team. */
  open: number;
  openByChannel: Partial<Record<Channel, number>>;
}

/** The team's reps (leads and admins are never routed to) with their load. */
export async function teamRepLoads(sql: Sql, teamId: string): Promise<RepLoad[]> {
  const rows = await sql.query<{ user_id: string; channel: Channel | null; n: string | number }>(
    `select u.id as user_id, c.channel, count(c.id) as n
     from team_members m join users u on u.id = m.user_id and u.role = 'rep'
     left join conversations c on c.assignee_id = u.id and c.status in ('open', 'pending')
     where m.team_id = $1
     group by u.id, c.channel order by u.id`,
    [teamId],
  );
  const loads = new Map<string, RepLoad>();
  for (const row of rows) {
    const load = loads.get(row.user_id) ?? { userId: row.user_id, open: 0, openByChannel: {} };
    if (row.channel) {
      load.open += num(row.n);
      load.openByChannel[row.channel] = num(row.n);
    }
    loads.set(row.user_id, load);
  }
  return [...loads.values()];
}

/**
 * Records who is offline now (since `now`, unless already recorded) and forgets those who are
 * back; answers since when each of `offline` has been offline.
 */
export async function trackOffline(
  tx: Sql,
  offline: readonly string[],
  back: readonly string[],
  now: number,
): Promise<Map<string, number>> {
  if (back.length > 0) await tx.query('delete from routing_offline where user_id = any($1::text[])', [[...back]]);
  if (offline.length === 0) return new Map();
  await tx.query(
    `insert into routing_offline (user_id, since) select id, $2 from unnest($1::text[]) as u(id)
     on conflict (user_id) do nothing`,
    [[...offline], now],
  );
  const rows = await tx.query<{ user_id: string; since: string | number }>(
    'select user_id, since from routing_offline where user_id = any($1::text[])',
    [[...offline]],
  );
  return new Map(rows.map((row) => [row.user_id, num(row.since)]));
}

/**
 * Starts a rep's offline time again from `now` (their conversations were just returned): what is
 * given to them while still offline gets the whole delay too.
 */
export async function restartOffline(tx: Sql, userId: string, now: number): Promise<void> {
  await tx.query('update routing_offline set since = $2 where user_id = $1', [userId, now]);
}

/** The rep's open conversations in the team, locked (rows another transaction holds are skipped). */
export async function lockAssignedOpen(tx: Sql, teamId: string, userId: string): Promise<Conversation[]> {
  const rows = await tx.query<ConversationRow>(
    `select ${CONVERSATION_COLUMNS} from conversations
     where team_id = $1 and assignee_id = $2 and status in ('open', 'pending')
     order by id for update skip locked`,
    [teamId, userId],
  );
  return rows.map(toConversation);
}
