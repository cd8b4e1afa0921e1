import type { z } from 'zod';
import type { ErrorBody } from '../domain/errors';

/** One request/response call between renderer and engine. */
interface CallDef<N extends string, I extends z.ZodType, O extends z.ZodType> {
  readonly name: N;
  readonly input: I;
  readonly output: O;
}

/** One engine → renderer notification. */
interface EventDef<N extends string, P extends z.ZodType> {
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

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
