import { z } from 'zod';
import { ErrorBody } from '../domain/errors';

/** One request/response call between renderer and engine. */
export interface CallDef<N extends string, I extends z.ZodType, O extends z.ZodType> {
  readonly name: N;
  readonly input: I;
  readonly output: O;
}

/** One engine → renderer notification. */
export interface EventDef<N extends string, P extends z.ZodType> {
  readonly name: N;
  readonly payload: P;
}

export function defineCall<N extends string, I extends z.ZodType, O extends z.ZodType>(
  name: N,
  input: I,
  output: O,
): CallDef<N, I, O> {
  return { name, input, output };
}

export function defineEvent<N extends string, P extends z.ZodType>(name: N, payload: P): EventDef<N, P> {
  return { name, payload };
}

/** Every call's answer crosses a transport in this envelope; errors never throw across. */
export const resultEnvelope = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorBody }),
  ]);

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
