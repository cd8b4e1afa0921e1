import type { Socket } from 'socket.io';
import { hashToken } from '../db/sessions';

// Rooms, through the adapter the same on every server process. A socket's team rooms are what
// it may see: joined from the session at connect, moved at once when membership changes.

const TEAM_ROOM = 'team:';

export function teamRoom(teamId: string): string {
  return `${TEAM_ROOM}${teamId}`;
}

/** The teams a socket may see now: its team rooms. */
export function teamIdsOf(socket: Pick<Socket, 'rooms'>): string[] {
  const teamIds: string[] = [];
  for (const room of socket.rooms) if (room.startsWith(TEAM_ROOM)) teamIds.push(room.slice(TEAM_ROOM.length));
  return teamIds.sort();
}

/** Every socket of one user: to move them between team rooms at once. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** Every socket of one session: to disconnect them at sign-out. */
export function sessionRoom(token: string): string {
  return `session:${hashToken(token)}`;
}
