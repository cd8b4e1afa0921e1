import type { Socket } from 'socket.io';
import type { ActionRequest } from '../../shared/sync/actions';
import type { ActionOutcome } from '../services/actions/apply';

/**
 * Test-only fault injection, for the windows that random faults rarely hit: an exactly-once
 * test must lose the ack after the action committed, on purpose, because the gap between commit
 * and ack lasts only milliseconds. Only `startServer`'s callers in tests and the fault harness set
 * it; the CLI has no way to.
 */
export interface ServerFaults {
  /** Runs after an action committed (or found its earlier result) and before the ack; says what to do next. */
  afterActionStored?: (stored: StoredAction) => ActionFault;
}

export interface StoredAction extends ActionOutcome {
  socket: Socket;
  request: ActionRequest;
}

/** `ack` answers as usual; `drop-ack` never answers (the client times out); `disconnect` closes the socket instead. */
export type ActionFault = 'ack' | 'drop-ack' | 'disconnect';
