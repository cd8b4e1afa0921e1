import { z } from 'zod';
import { ErrorBody } from '../domain/errors';

/** A socket.io acknowledgement: the value, or an error a person can act on. */
export function ackOf<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorBody }),
  ]);
}
