// How much work one socket, one user and the whole process may have in flight on this server.

/**
 * Without these, one socket could keep any number of handlers running: a flood of requests
 * from one engine filled the storage pool and delayed every other rep's pull by seconds, and
 * hundreds of concurrent full pulls held their pages in memory at once. A legitimate engine has
 * at most a pull, the next page's pull, an action and a presence list in flight, so it never
 * meets these limits.
 */
export interface SyncLimits {
  /** Handlers one socket may have running at once. */
  perSocket: number;
  /** Handlers one user's sockets on this process may have running at once, together. */
  perUser: number;
  /** Requests one socket may have waiting for a free slot; beyond that they are refused (`rate_limited`). */
  queuedPerSocket: number;
  /** Pulls this process runs at once (each holds a page of the log in memory); the rest wait their turn, first come first served. */
  pulls: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = { perSocket: 4, perUser: 8, queuedPerSocket: 8, pulls: 8 };

export const BUSY_MESSAGE =
  'The server is busy with earlier requests from this app. Caredesk will try again in a moment.';

type Task = () => Promise<void>;

interface SocketSlots {
  running: number;
  queue: Task[];
}

interface UserSlots {
  running: number;
  /** The user's sockets with work running or queued; a socket served moves to the end (round robin). */
  sockets: Map<string, SocketSlots>;
}

export interface Limiter {
  /**
   * Runs `task` now if the socket and its user have a free slot, later if the socket's queue has
   * room; returns false (and never runs it) when the queue is full: the caller refuses it.
   */
  admit(socketId: string, userId: string, task: Task): boolean;
  /** The socket is gone: what it still had queued is dropped (its answers could not arrive). */
  forget(socketId: string): void;
  /** Runs `pull` when one of the process's pull slots is free. */
  pull<T>(pull: () => Promise<T>): Promise<T>;
}

export function createLimiter(limits: SyncLimits = DEFAULT_SYNC_LIMITS): Limiter {
  const users = new Map<string, UserSlots>();
  const userOf = new Map<string, string>();
  let pullsRunning = 0;
  const pullsWaiting: (() => void)[] = [];

  const hasRoom = (user: UserSlots, slots: SocketSlots) =>
    slots.running < limits.perSocket && user.running < limits.perUser;

  function run(userId: string, user: UserSlots, socketId: string, slots: SocketSlots, task: Task): void {
    slots.running++;
    user.running++;
    void task()
      .catch(() => {})
      .finally(() => {
        slots.running--;
        user.running--;
        if (slots.running === 0 && slots.queue.length === 0) drop(userId, socketId);
        startQueued(userId);
      });
  }

  /** A slot of `userId` came free: the oldest queued task of the next of their sockets that may run now, runs. */
  function startQueued(userId: string): void {
    const user = users.get(userId);
    if (!user) return;
    for (const [socketId, slots] of user.sockets) {
      if (slots.queue.length === 0 || !hasRoom(user, slots)) continue;
      const next = slots.queue.shift();
      user.sockets.delete(socketId);
      user.sockets.set(socketId, slots);
      if (next) run(userId, user, socketId, slots, next);
      return;
    }
  }

  function drop(userId: string, socketId: string): void {
    const user = users.get(userId);
    user?.sockets.delete(socketId);
    userOf.delete(socketId);
    if (user && user.sockets.size === 0 && user.running === 0) users.delete(userId);
  }

  return {
    admit(socketId, userId, task) {
      let user = users.get(userId);
      if (!user) {
        user = { running: 0, sockets: new Map() };
        users.set(userId, user);
      }
      let slots = user.sockets.get(socketId);
      if (!slots) {
        slots = { running: 0, queue: [] };
        user.sockets.set(socketId, slots);
        userOf.set(socketId, userId);
      }
      if (slots.queue.length === 0 && hasRoom(user, slots)) {
        run(userId, user, socketId, slots, task);
        return true;
      }
      if (slots.queue.length >= limits.queuedPerSocket) return false;
      slots.queue.push(task);
      return true;
    },
    forget(socketId) {
      const userId = userOf.get(socketId);
      const slots = userId === undefined ? undefined : users.get(userId)?.sockets.get(socketId);
      if (userId === undefined || !slots) return;
      slots.queue.length = 0;
      if (slots.running === 0) drop(userId, socketId);
    },
    async pull(pull) {
      if (pullsRunning >= limits.pulls) await new Promise<void>((resolve) => pullsWaiting.push(resolve));
      else pullsRunning++;
      try {
        return await pull();
      } finally {
        // The slot passes straight to the next waiter, so no newcomer overtakes it.
        const next = pullsWaiting.shift();
        if (next) next();
        else pullsRunning--;
      }
    },
  };
}
