import { createShardedAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';

/**
 * How a `sync:poke` reaches sockets: `local` (one process) or `redis` (socket.io's sharded Redis
 * adapter, Redis 7+, so a poke emitted by one server process reaches sockets on every other).
 * Only pokes travel this way; the change log in PostgreSQL stays the source of truth.
 */
export type FanoutKind = 'local' | 'redis';

export interface Fanout {
  readonly kind: FanoutKind;
  /** For `new Server(http, { adapter })`; undefined keeps socket.io's in-memory adapter. */
  readonly adapter: ServerOptions['adapter'] | undefined;
  /**
   * Resolves once the room subscriptions this process asked for so far are in effect, so a pull
   * that reads the change log afterwards misses no poke. Immediate for `local`, and while Redis
   * is unreachable (the client catches up by pulling on its next reconnect or poke).
   */
  subscribed(): Promise<void>;
  /** False while Redis is lost (both connections must be ready); always true for `local`. */
  ok(): boolean;
  close(): Promise<void>;
}

export const REDIS_NEEDS_POSTGRES =
  'REDIS_URL needs DATABASE_URL: the server processes sharing Redis must share one PostgreSQL, and embedded PGlite is single-process.';

export const localFanout: Fanout = {
  kind: 'local',
  adapter: undefined,
  subscribed: () => Promise.resolve(),
  ok: () => true,
  close: () => Promise.resolve(),
};

interface RedisFanoutOptions {
  url: string;
  /** Prefix of the sharded pub/sub channels; processes of one deployment share it. */
  channelPrefix: string;
  log: (error: unknown) => void;
}

type RedisClient = ReturnType<typeof createClient>;
type ShardedListener = (message: Buffer, channel: Buffer) => unknown;

/**
 * Connects a publisher and a subscriber (duplicated from it) to Redis. Rejects, without retrying,
 * when Redis is unreachable or older than 7; once connected, a lost connection is logged and
 * retried in the background while the server keeps serving its own sockets.
 */
export async function connectRedisFanout(options: RedisFanoutOptions): Promise<Fanout> {
  const { log } = options;
  let started = false;
  let closing = false;
  const pub: RedisClient = createClientOrExplain({
    url: options.url,
    // A publish while Redis is away fails at once, so the adapter still delivers the poke to this
    // process's own sockets (it awaits the publish first) instead of holding it until Redis is back.
    disableOfflineQueue: true,
    socket: {
      // Unreachable at start: fail (the CLI exits 1). Lost later: back off up to 2 s, forever.
      reconnectStrategy: (retries, cause) => (started ? Math.min(50 * 2 ** retries, 2000) : cause),
    },
  });
  // Subscriptions asked for while Redis is away are queued and sent (with the others) on reconnect.
  const sub: RedisClient = pub.duplicate({ disableOfflineQueue: false });

  const pending = new Set<Promise<void>>();
  const waiters = new Set<() => void>();
  const releaseWaiters = () => {
    for (const release of waiters) release();
    waiters.clear();
  };

  for (const [role, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    let lost = false;
    client.on('error', (error: unknown) => {
      if (role === 'subscriber') releaseWaiters();
      // Before start the error is thrown by connect(); while down, every retry fails again.
      if (!started || closing || lost) return;
      lost = true;
      log(
        new Error(
          `Redis ${role} connection lost; pokes from other server processes are missed until it is back ` +
            `(clients catch up by pulling): ${message(error)}`,
          { cause: error },
        ),
      );
    });
    client.on('ready', () => {
      if (!lost) return;
      lost = false;
      log(`Redis ${role} connection restored.`);
    });
  }

  try {
    await pub.connect();
    await sub.connect();
    // Sharded pub/sub (SSUBSCRIBE) needs Redis 7; find out now rather than lose every poke.
    const probe = `${options.channelPrefix}#probe#`;
    await sub.sSubscribe(probe, () => undefined);
    await sub.sUnsubscribe(probe);
  } catch (error) {
    for (const client of [pub, sub]) if (client.isOpen) client.destroy();
    const hint = /unknown command/i.test(message(error)) ? ' (sharded pub/sub needs Redis 7 or newer)' : '';
    throw new Error(`Redis at ${redact(options.url)} is not usable: ${message(error)}${hint}`, { cause: error });
  }
  started = true;

  // The adapter fires (un)subscriptions without awaiting them: catch their failures here and keep
  // track of them for subscribed(). A failure from a lost connection is harmless: node-redis
  // subscribes again to every channel that still has a listener when it reconnects.
  const subscriber = {
    // The adapter always asks for Buffer messages.
    sSubscribe(channel: string, listener: ShardedListener): void {
      const done: Promise<void> = sub.sSubscribe(channel, listener, true).then(
        () => undefined,
        (error: unknown) => {
          if (sub.isReady && !closing) log(error);
        },
      );
      pending.add(done);
      void done.finally(() => pending.delete(done));
    },
    sUnsubscribe(channel: string): void {
      sub.sUnsubscribe(channel).catch((error: unknown) => {
        if (sub.isReady && !closing) log(error);
      });
    },
  };

  return {
    kind: 'redis',
    adapter: createShardedAdapter(pub, subscriber, { channelPrefix: options.channelPrefix }),
    subscribed: () => {
      if (pending.size === 0 || !sub.isReady) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.add(resolve);
        void Promise.all(pending).then(() => {
          waiters.delete(resolve);
          resolve();
        });
      });
    },
    ok: () => pub.isReady && sub.isReady,
    close: async () => {
      closing = true;
      releaseWaiters();
      await Promise.all([closeClient(pub), closeClient(sub)]);
    },
  };
}

function createClientOrExplain(options: NonNullable<Parameters<typeof createClient>[0]>): RedisClient {
  try {
    return createClient(options);
  } catch (error) {
    throw new Error(
      `REDIS_URL is not a valid Redis URL (redis://[[user]:password@]host[:port][/db]): ${message(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Waits for pending replies while connected; drops the connection at once otherwise. */
function closeClient(client: RedisClient): Promise<void> {
  if (!client.isOpen) return Promise.resolve();
  if (!client.isReady) {
    client.destroy();
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    // Lost while closing: the pending replies will never come.
    client.once('error', () => resolve());
    client.close().then(resolve, () => resolve());
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an invalid URL)';
  }
}
