import { z } from 'zod';
import { ErrorBody } from '../domain/errors';

/** A socket.io acknowledgement: the value, or an error a person can act on. */
export function ackOf<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorBody }),
  ]);
}

/**
 * An ack as an engine reads it: an error code it does not know (a newer server's) is still an error
 * with a message it can show, and retry.
 */
export function tolerantAckOf<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
  ]);
}
