import type { z } from 'zod';

/** An unpaired UTF-16 surrogate: not a character, and not valid in JSON text PostgreSQL stores. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the server can store: PostgreSQL refuses NUL characters and unpaired surrogates, so they are
 * refused here, as invalid input, before they reach SQL (where they would fail as an internal error).
 */
export function storableText<T extends z.ZodString>(schema: T) {
  return schema
    .refine((text) => !text.includes('\u0000'), { message: 'Text cannot contain NUL (\\u0000) characters.' })
    .refine((text) => !LONE_SURROGATE.test(text), {
      message: 'Text cannot contain unpaired surrogates (broken emoji or other invalid Unicode).',
    });
}
