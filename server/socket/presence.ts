import type { Server, Socket } from 'socket.io';
import type { User } from '../../shared/domain/entities';
import { PresenceEntry, PresenceEvents, PresenceUpdate } from '../../shared/sync/presence';

/**
 * Presence lives in each socket's data, in memory, never in the database: it is only true while
 * the socket is connected. Changes go to the rooms of the user's teams; a (re)connecting engine
 * asks for the list (`presence:list`, answered in sync.ts through fetchSockets, which reaches
 * every server process through the adapter).
 */
interface PresenceData {
  user: User;
  presence?: PresenceUpdate;
}

const teamRooms = (user: User) => user.teamIds.map((teamId) => `team:${teamId}`);

export function presenceOf(socket: { id: string; data: unknown }): PresenceEntry | null {
  const data = socket.data as Partial<PresenceData>;
  if (!data.user || !data.presence) return null;
  return { socketId: socket.id, userId: data.user.id, ...data.presence };
}

export function installPresence(io: Server, socket: Socket): void {
  const data = socket.data as PresenceData;
  socket.on(PresenceEvents.update, (raw: unknown) => {
    const parsed = PresenceUpdate.safeParse(raw);
    // Presence is advisory: a malformed update is dropped, never answered (there is no ack).
    if (!parsed.success) return;
    data.presence = parsed.data;
    const entry = presenceOf(socket);
    if (entry && data.user.teamIds.length > 0) io.to(teamRooms(data.user)).emit(PresenceEvents.changed, entry);
  });
  socket.on('disconnect', () => {
    if (!data.presence || data.user.teamIds.length === 0) return;
    const gone: PresenceEntry = PresenceEntry.parse({
      socketId: socket.id,
      userId: data.user.id,
      status: 'offline',
      viewing: null,
      typing: false,
    });
    io.to(teamRooms(data.user)).emit(PresenceEvents.changed, gone);
  });
}

/** Every socket with presence in `user`'s teams, on every server process. */
export async function listPresence(io: Server, user: User): Promise<PresenceEntry[]> {
  if (user.teamIds.length === 0) return [];
  const sockets = await io.in(teamRooms(user)).fetchSockets();
  return sockets.map(presenceOf).filter((entry): entry is PresenceEntry => entry !== null);
}
