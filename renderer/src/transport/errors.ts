import type { ErrorBody, ErrorCode } from '../../../shared/domain/errors';

/**
 * Codes the renderer can see: the contract's codes plus one of its own, for when the local
 * engine itself cannot be reached (the browser host's socket is down).
 */
export type ApiErrorCode = ErrorCode | 'engine_unreachable';

/** A failed call, thrown by every transport so react-query sees a rejected promise. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromBody(body: ErrorBody): ApiError {
    return new ApiError(body.code, body.message);
  }
}

export const ENGINE_LOST_MESSAGE = 'Connection to the local engine lost. Reconnecting…';

/** Words for the rep, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

export function errorCode(error: unknown): ApiErrorCode | null {
  return error instanceof ApiError ? error.code : null;
}
