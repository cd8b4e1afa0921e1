import { z } from 'zod';

/** Error codes that cross process boundaries; each has a message a person can act on. */
export const ErrorCode = z.enum([
  'invalid_input',
  'bad_credentials',
  'unauthorized',
  'session_expired',
  'forbidden',
  'not_found',
  'server_unreachable',
  'protocol_mismatch',
  'storage_full',
  'unsent_replies',
  /** Too many attempts (e.g. failed sign-ins); the message says when to try again. */
  'rate_limited',
  /** The action no longer fits the conversation (e.g. it was reassigned meanwhile); the message says why. */
  'conflict',
  /** A reply written before the newest inbound message was seen: the rep confirms or rereads. */
  'stale_view',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({ code: ErrorCode, message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

export class CaredeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CaredeskError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof CaredeskError) return error.toBody();
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return { code: 'invalid_input', message: `Invalid input${where}: ${first?.message ?? 'malformed payload'}` };
  }
  return { code: 'internal', message: 'Something went wrong inside Caredesk. The details are in the log.' };
}
