// Applying a pulled page without freezing the process that serves the UI.
import type { ChangeReader, PulledPage } from '../../../shared/sync';
import { pageSlices } from '../db/changes';
import type { CommitCost } from '../db/changes';
import type { Db } from '../db/open';

/**
 * A slice's work, its commit included, before the event loop gets a turn: with a turn's other
 * work, a frame (16 ms) is never missed for long. At most APPLY_CHUNK changes go in one transaction.
 */
export const SLICE_BUDGET_MS = 5;
export const APPLY_CHUNK = 1000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface ApplyOptions {
  reader: ChangeReader;
  /** Checked before every slice: false once the client was stopped (the cursor stays where it got to). */
  stillWanted(): boolean;
  /** Learnt across pages (db/changes.ts CommitCost). */
  commitCost: CommitCost;
  budgetMs?: number;
}

/**
 * Reads and applies `page` (pulled after cursor `from`) a slice at a time, yielding between
 * slices. Returns the conversations it changed, once for the whole page (the renderer reloads its
 * list once, not per slice), or null when it was stopped before the end.
 */
export async function applyPulledPage(
  db: Db,
  page: PulledPage,
  from: number,
  options: ApplyOptions,
): Promise<string[] | null> {
  const slices = pageSlices(
    db,
    { changes: page.changes, cursor: page.cursor, from },
    options.reader,
    APPLY_CHUNK,
    () => performance.now(),
    options.commitCost,
  );
  const changed = new Set<string>();
  for (;;) {
    if (!options.stillWanted()) return null;
    const slice = slices.next(options.budgetMs ?? SLICE_BUDGET_MS);
    for (const id of slice.conversationIds) changed.add(id);
    if (slice.done) return [...changed];
    await nextTurn();
  }
}
