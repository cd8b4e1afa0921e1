import type { z } from 'zod';
import type { ParsedBody } from '../http/body';
import { MalformedPayload } from './provider';

/** A JSON body read against the provider's documented shape; unknown keys are ignored (providers add them). */
export function jsonPayload<T extends z.ZodType>(body: ParsedBody, schema: T, provider: string): z.infer<T> {
  if (body.kind !== 'json') throw new MalformedPayload(`A ${provider} webhook is a JSON body.`);
  return shaped(body.value, schema, `${provider} webhook`);
}

/** `value` read against `schema`, or `MalformedPayload` naming where `what` (e.g. "Meta webhook") went wrong. */
export function shaped<T extends z.ZodType>(value: unknown, schema: T, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new MalformedPayload(`The ${what} is not one Caredesk reads${where}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

/** Seconds (a WhatsApp string) or milliseconds (Messenger, X) since the epoch, as milliseconds; null when unreadable. */
export function epochMs(value: string | number | undefined, unit: 'seconds' | 'milliseconds'): number | null {
  if (value === undefined) return null;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) return null;
  return unit === 'seconds' ? number * 1000 : number;
}
