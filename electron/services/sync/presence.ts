// Who else is around: presence entries from the server, folded into one line per rep.
import type { PresenceView, RepPresence } from '../../../shared/api';
import { PresenceEntry, PresenceEvents, PresenceListAck } from '../../../shared/sync';
import type { PresenceUpdate } from '../../../shared/sync';
import type { SyncSocket } from './socket';

interface PresenceDeps {
  /** The signed-in user, left out of the view. */
  selfId: () => string | null;
  nameOf: (userId: string) => string;
  onChanged: (view: PresenceView) => void;
  requestTimeoutMs: number;
}

export interface Presence {
  /** A socket connected: send our presence, ask for everyone's, follow changes. */
  attach(socket: SyncSocket): void;
  /** Disconnected: nobody's presence is known any more (the view empties). */
  detach(): void;
  set(update: PresenceUpdate): void;
  view(): PresenceView;
}

const STATUS_RANK = { online: 2, away: 1, offline: 0 } as const;

export function createPresence(deps: PresenceDeps): Presence {
  const sockets = new Map<string, PresenceEntry>();
  let mine: PresenceUpdate = { status: 'online', viewing: null, typing: false };
  let socket: SyncSocket | null = null;
  // socket.io reconnects the same socket object: listen once per socket, not once per connect.
  const listening = new WeakSet<SyncSocket>();

  function view(): PresenceView {
    const self = deps.selfId();
    const reps = new Map<string, RepPresence>();
    for (const entry of sockets.values()) {
      if (entry.userId === self || entry.status === 'offline') continue;
      const rep = reps.get(entry.userId) ?? {
        userId: entry.userId,
        name: deps.nameOf(entry.userId),
        status: 'offline',
        viewing: [],
        typing: [],
      };
      if (STATUS_RANK[entry.status] > STATUS_RANK[rep.status]) rep.status = entry.status;
      if (entry.viewing !== null && !rep.viewing.includes(entry.viewing)) rep.viewing.push(entry.viewing);
      if (entry.typing && entry.viewing !== null && !rep.typing.includes(entry.viewing)) rep.typing.push(entry.viewing);
      reps.set(entry.userId, rep);
    }
    return { reps: [...reps.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  }

  const changed = () => deps.onChanged(view());

  function apply(raw: unknown): void {
    const entry = PresenceEntry.safeParse(raw);
    if (!entry.success) return;
    if (entry.data.status === 'offline') sockets.delete(entry.data.socketId);
    else sockets.set(entry.data.socketId, entry.data);
    changed();
  }

  return {
    attach(s) {
      socket = s;
      if (!listening.has(s)) {
        listening.add(s);
        s.on(PresenceEvents.changed, (raw) => {
          if (socket === s) apply(raw);
        });
      }
      s.emit(PresenceEvents.update, mine);
      s.request(PresenceEvents.list, {}, deps.requestTimeoutMs).then(
        (raw) => {
          const ack = PresenceListAck.safeParse(raw);
          if (socket !== s || !ack.success || !ack.data.ok) return;
          // Events that arrived meanwhile are newer than the list for their sockets.
          for (const entry of ack.data.value.entries)
            if (!sockets.has(entry.socketId)) sockets.set(entry.socketId, entry);
          changed();
        },
        // Presence is advisory: without the list, changes still arrive as they happen.
        () => {},
      );
    },
    detach() {
      socket = null;
      if (sockets.size === 0) return;
      sockets.clear();
      changed();
    },
    set(update) {
      mine = update;
      socket?.emit(PresenceEvents.update, update);
    },
    view,
  };
}
