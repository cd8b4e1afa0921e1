import { z } from 'zod';
import type { ErrorCode } from '../../../shared/domain/errors';

/**
 * Codes the renderer can see: the contract's codes, one of its own for when the local engine
 * itself cannot be reached (the browser host's socket is down), and any code a newer engine adds
 * that this build does not know yet. Code that branches on codes must have a default that shows
 * the engine's message.
 */
export type ApiErrorCode = ErrorCode | 'engine_unreachable' | (string & {});

/**
 * An error envelope as the renderer reads it: like the contract's ErrorBody, but any code is
 * accepted, so an error this build has no words for still reaches the rep with the engine's message.
 */
export const WireErrorBody = z.object({ code: z.string().min(1), message: z.string() });
export type WireErrorBody = z.infer<typeof WireErrorBody>;

/** Reads an error envelope; null when it is not one. */
export function decodeErrorBody(value: unknown): WireErrorBody | null {
  const parsed = WireErrorBody.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A failed call, thrown by every transport so react-query sees a rejected promise. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromBody(body: WireErrorBody): ApiError {
    return new ApiError(body.code, body.message);
  }

  /** Whatever the engine sent as an error: its own code and words when readable. */
  static fromUnknown(value: unknown): ApiError {
    const body = decodeErrorBody(value);
    return body
      ? ApiError.fromBody(body)
      : new ApiError('internal', 'The local engine reported an error Caredesk cannot read.');
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
