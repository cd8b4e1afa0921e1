import type { Socket } from 'socket.io';
import type { Message } from '../../shared/domain/entities';

/**
 * Test-only fault injection, for the windows that random faults rarely hit: an exactly-once
 * test must lose the ack after the reply committed, on purpose (docs: pitfalls.md). Only
 * `startServer`'s callers in tests set it; the CLI has no way to.
 */
export interface ServerFaults {
  /** Runs after a reply:send committed (or found its earlier copy) and before the ack; says what to do next. */
  afterReplyStored?: (reply: StoredReply) => ReplyFault;
}

export interface StoredReply {
  socket: Socket;
  message: Message;
  /** True when the clientId was already stored and nothing new was written. */
  repeated: boolean;
}

/** `ack` answers as usual; `drop-ack` never answers (the client times out); `disconnect` closes the socket instead. */
export type ReplyFault = 'ack' | 'drop-ack' | 'disconnect';
