import { z } from 'zod';

/**
 * A schema's wire form as JSON Schema, canonical: key order, the order of union members and
 * descriptions do not count, so that only a change to what travels changes the snapshot.
 */
export function wireSnapshot(schema: z.ZodType): unknown {
  // As input: an object schema accepts fields it does not name (zod strips them), as an older engine must.
  return canonical(z.toJSONSchema(schema, { io: 'input' }));
}

/** The snapshot as the text of a `versions/v<N>.json` file. */
export function wireSnapshotText(schema: z.ZodType): string {
  return `${JSON.stringify(wireSnapshot(schema), null, 2)}\n`;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value)
    // A string `description` is documentation; a property named "description" is an object.
    .filter(([key, inner]) => key !== '$schema' && !(key === 'description' && typeof inner === 'string'))
    .map(([key, inner]): [string, unknown] => {
      const tidy = canonical(inner);
      return [key, (key === 'anyOf' || key === 'oneOf') && Array.isArray(tidy) ? sortByText(tidy) : tidy];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

function sortByText(members: unknown[]): unknown[] {
  return members
    .map((member) => ({ member, text: JSON.stringify(member) }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map(({ member }) => member);
}
