import type { Server, Socket } from 'socket.io';
import type { User } from '../../shared/domain/entities';
import { PresenceEntry, PresenceEvents, PresenceUpdate } from '../../shared/sync/presence';
import type { RepStatus } from '../../shared/sync/presence';
import { teamIdsOf, teamRoom } from './rooms';

/**
 * Presence lives in each socket's data, in memory, never in the database: it is only true while
 * the socket is connected. Changes go to the socket's team rooms; a (re)connecting engine
 * asks for the list (`presence:list`, answered in sync.ts through fetchSockets, which reaches
 * every server process through the adapter).
 */
interface PresenceData {
  user: User;
  presence?: PresenceUpdate;
}

export function presenceOf(socket: { id: string; data: unknown }): PresenceEntry | null {
  const data = socket.data as Partial<PresenceData>;
  if (!data.user || !data.presence) return null;
  return { socketId: socket.id, userId: data.user.id, ...data.presence };
}

/** `online` is called with the socket's teams when it turns online (routing may give it work now). */
export function installPresence(io: Server, socket: Socket, online?: (teamIds: string[]) => void): void {
  const data = socket.data as PresenceData;
  socket.on(PresenceEvents.update, (raw: unknown) => {
    const parsed = PresenceUpdate.safeParse(raw);
    // Presence is advisory: a malformed update is dropped, never answered (there is no ack).
    if (!parsed.success) return;
    const was = data.presence?.status;
    data.presence = parsed.data;
    if (parsed.data.status === 'online' && was !== 'online') online?.(teamIdsOf(socket));
    const entry = presenceOf(socket);
    const rooms = teamIdsOf(socket).map(teamRoom);
    if (entry && rooms.length > 0) io.to(rooms).emit(PresenceEvents.changed, entry);
  });
  // Before socket.io empties the socket's rooms.
  socket.on('disconnecting', () => {
    const rooms = teamIdsOf(socket).map(teamRoom);
    if (!data.presence || rooms.length === 0) return;
    const gone: PresenceEntry = PresenceEntry.parse({
      socketId: socket.id,
      userId: data.user.id,
      status: 'offline',
      viewing: null,
      typing: false,
    });
    io.to(rooms).emit(PresenceEvents.changed, gone);
  });
}

/** Every socket with presence in `user`'s teams, on every server process. */
export async function listPresence(io: Server, user: User): Promise<PresenceEntry[]> {
  if (user.teamIds.length === 0) return [];
  const sockets = await io.in(user.teamIds.map(teamRoom)).fetchSockets();
  return sockets.map(presenceOf).filter((entry): entry is PresenceEntry => entry !== null);
}

/**
 * Each user's presence in a team over all their sockets, on every server process (routing's view):
 * online when any socket is online (or connected and not yet saying), away when every socket is
 * away; a user without a socket is absent (offline).
 */
export async function teamPresence(io: Server, teamId: string): Promise<Map<string, RepStatus>> {
  const statuses = new Map<string, RepStatus>();
  for (const socket of await io.in(teamRoom(teamId)).fetchSockets()) {
    const data = socket.data as Partial<PresenceData>;
    if (!data.user) continue;
    const status = data.presence?.status ?? 'online';
    if (statuses.get(data.user.id) !== 'online') statuses.set(data.user.id, status);
  }
  return statuses;
}
