import { z } from 'zod';
import { Change } from '../protocol';
import type { ChangeReader } from '../protocol';
import v3 from './v3.json';
import v4 from './v4.json';
import v5 from './v5.json';
import v6 from './v6.json';
import v7 from './v7.json';
import v8 from './v8.json';
import v9 from './v9.json';
import v10 from './v10.json';
import v11 from './v11.json';
import v12 from './v12.json';
import v13 from './v13.json';
import v14 from './v14.json';
import v15 from './v15.json';
import v16 from './v16.json';
import v17 from './v17.json';
import v18 from './v18.json';
import v19 from './v19.json';
import v20 from './v20.json';
import v21 from './v21.json';

export { wireSnapshot, wireSnapshotText } from './snapshot';

/**
 * The change schema of each version, frozen as JSON Schema when the version was made
 * (README "Versions"). A frozen file never changes: a new version adds one, and an entry here.
 * Version 3 reads the same changes as 2 did; it is the first that skips what it cannot read.
 */
export const FROZEN_CHANGE_SCHEMAS: Readonly<Record<number, unknown>> = {
  3: v3,
  4: v4,
  5: v5,
  6: v6,
  7: v7,
  8: v8,
  9: v9,
  10: v10,
  11: v11,
  12: v12,
  13: v13,
  14: v14,
  15: v15,
  16: v16,
  17: v17,
  18: v18,
  19: v19,
  20: v20,
  21: v21,
};

/**
 * Reads exactly what an engine of `version` could read, for tests that run an earlier engine
 * against today's server. A change the frozen schema accepts is read with today's schema, which
 * accepts it too as long as every change since was compatible (otherwise: null, skipped).
 */
export function frozenChangeReader(version: number): ChangeReader {
  const frozen: unknown = FROZEN_CHANGE_SCHEMAS[version];
  if (frozen === undefined) throw new Error(`No frozen change schema for sync protocol version ${version}.`);
  const schema = z.fromJSONSchema(frozen as z.core.JSONSchema.JSONSchema);
  return {
    version,
    read(raw) {
      if (!schema.safeParse(raw).success) return null;
      const parsed = Change.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
  };
}
