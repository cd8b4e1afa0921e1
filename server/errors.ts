import type { ErrorBody } from '../shared/domain/errors';
import { toErrorBody } from '../shared/domain/errors';

/** PostgreSQL's SQLSTATE for "disk full" (class 53, insufficient resources). */
export const SQLSTATE_DISK_FULL = '53100';

export const SERVER_STORAGE_FULL_MESSAGE =
  "The Caredesk server's disk is full, so it could not save this. Nothing was lost: try again once an administrator has freed some space.";

/** PostgreSQL's SQLSTATE for a unique violation. */
export const SQLSTATE_UNIQUE_VIOLATION = '23505';

/** Both `pg` and PGlite put the SQLSTATE on the error's `code`. */
export function hasSqlState(error: unknown, sqlState: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === sqlState;
}

export function isDiskFull(error: unknown): boolean {
  return hasSqlState(error, SQLSTATE_DISK_FULL);
}

/**
 * The one place where a server failure becomes what a client sees (HTTP body, socket ack,
 * handshake error). Failures on the server's side — a bug, a full disk — also go to the log,
 * because only an operator can fix them.
 */
export function clientErrorBody(error: unknown, log: (error: unknown) => void): ErrorBody {
  if (isDiskFull(error)) {
    log(error);
    return { code: 'storage_full', message: SERVER_STORAGE_FULL_MESSAGE };
  }
  const body = toErrorBody(error);
  if (body.code === 'internal') log(error);
  return body;
}
