// The outbox: rep actions in the order they were made, until the server has applied them.
import type { Message, Note } from '../../../shared/domain';
import { Action, actionOn, isOnOneConversation, targetsOf } from '../../../shared/sync';
import type { ActionResult } from '../../../shared/sync';
import { rebaseConversation, serverSeqOf } from './conversation-state';
import { deleteMessage, upsertMessage } from './messages';
import { deleteNote, insertLocalNote, upsertNote } from './notes';
import type { Db } from './open';
import { durably } from './open';
import { getCursor } from './meta';
import { prepared } from './statements';

export interface OutboxEntry {
  seq: number;
  id: string;
  /** The conversations the action touches (one, several, or none). */
  conversationIds: string[];
  action: Action;
  createdAt: number;
  attempts: number;
  /** The local message (reply) or note standing in for the server's copy. */
  localId: string | null;
}

interface OutboxRow {
  seq: number;
  id: string;
  conversation_id: string | null;
  type: string;
  payload: string;
  created_at: number;
  attempts: number;
  local_id: string | null;
  state: string;
  reason: string | null;
  rejected_at: number | null;
}

function toEntry(row: OutboxRow): OutboxEntry {
  const action = Action.parse(JSON.parse(row.payload));
  return {
    seq: row.seq,
    id: row.id,
    conversationIds: targetsOf(action),
    action,
    createdAt: row.created_at,
    attempts: row.attempts,
    localId: row.local_id,
  };
}

interface NewEntry {
  id: string;
  action: Action;
  createdAt: number;
  /** A reply's pending message or a note's pending note, shown until the server's copy arrives. */
  local?: { message: Message } | { note: Note };
}

/**
 * Writes the action and its local effect (the pending message or note, the conversation as the
 * action leaves it) in one transaction, with synchronous=FULL: the rep believes it is done, and
 * only this file knows it has not reached the server.
 */
export function enqueueAction(db: Db, entry: NewEntry): void {
  enqueueActions(db, [entry]);
}

/** Queues several actions in one durable transaction, in order: all are queued, or none. */
export function enqueueActions(db: Db, entries: readonly NewEntry[]): void {
  durably(db, () =>
    db.transaction(() => {
      for (const entry of entries) {
        const { action } = entry;
        const localId = entry.local ? ('message' in entry.local ? entry.local.message.id : entry.local.note.id) : null;
        const conversationId = isOnOneConversation(action) ? action.conversationId : null;
        prepared(
          db,
          `INSERT INTO outbox (id, conversation_id, type, payload, created_at, state, local_id)
           VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
        ).run(entry.id, conversationId, action.type, JSON.stringify(action), entry.createdAt, localId);
        addTargets(db, entry.id, targetsOf(action));
        if (entry.local && 'message' in entry.local) upsertMessage(db, entry.local.message);
        if (entry.local && 'note' in entry.local) insertLocalNote(db, entry.local.note);
        rebaseAll(db, targetsOf(action));
      }
    })(),
  );
}

/** Actions still to send, oldest first. */
export function listPending(db: Db): OutboxEntry[] {
  const rows = prepared(db, "SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq").all() as OutboxRow[];
  return rows.map(toEntry);
}

export function countPending(db: Db): number {
  return (prepared(db, "SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
}

export function countRejected(db: Db): number {
  return (prepared(db, "SELECT count(*) AS n FROM outbox WHERE state = 'rejected'").get() as { n: number }).n;
}

export function noteAttempt(db: Db, id: string): void {
  prepared(db, 'UPDATE outbox SET attempts = attempts + 1 WHERE id = ?').run(id);
}

function addTargets(db: Db, actionId: string, conversationIds: readonly string[]): void {
  const insert = prepared(db, 'INSERT OR IGNORE INTO outbox_targets (action_id, conversation_id) VALUES (?, ?)');
  for (const conversationId of conversationIds) insert.run(actionId, conversationId);
}

function targetsOfRow(db: Db, actionId: string): string[] {
  return prepared(db, 'SELECT conversation_id FROM outbox_targets WHERE action_id = ?')
    .pluck()
    .all(actionId) as string[];
}

function rebaseAll(db: Db, conversationIds: readonly string[]): void {
  for (const conversationId of conversationIds) rebaseConversation(db, conversationId);
}

/** Removes an action from the outbox with the conversations it touched. */
function deleteEntry(db: Db, id: string): void {
  prepared(db, 'DELETE FROM outbox WHERE id = ?').run(id);
  prepared(db, 'DELETE FROM outbox_targets WHERE action_id = ?').run(id);
}

function getRow(db: Db, id: string): OutboxRow | undefined {
  return prepared(db, 'SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
}

/** What an ack did: whether the entry was still there, and the parts of it the server refused. */
export interface AckOutcome {
  acked: boolean;
  /** Conversations of an action on several that refused their part: each undone and listed. */
  refused: RejectedEntry[];
  conversationIds: string[];
}

/**
 * The server applied the action: its reply or note replaces the local one, and the action
 * stays (acked) until the server's copy of its conversations includes it — so the rep's view
 * does not jump back meanwhile. An action on several conversations may have been refused on some
 * of them: those parts are undone and kept, each with the server's reason, until the rep
 * dismisses them.
 */
export function markAcked(db: Db, id: string, result: ActionResult, at: number): AckOutcome {
  return durably(db, () =>
    db.transaction((): AckOutcome => {
      const row = getRow(db, id);
      if (!row || row.state === 'rejected') return { acked: false, refused: [], conversationIds: [] };
      const targets = targetsOfRow(db, id);
      const action = Action.parse(JSON.parse(row.payload));
      if (result.message) {
        if (row.local_id !== null && row.local_id !== result.message.id) deleteMessage(db, row.local_id);
        upsertMessage(db, { ...result.message, clientId: result.message.clientId ?? id });
      }
      if (result.note) upsertNote(db, result.note);
      const refused = (result.results ?? []).flatMap((outcome) => {
        if (outcome.ok) return [];
        const part = actionOn(action, outcome.conversationId);
        if (!part) return [];
        prepared(db, 'DELETE FROM outbox_targets WHERE action_id = ? AND conversation_id = ?').run(
          id,
          outcome.conversationId,
        );
        return [
          insertRefusedPart(db, `${id}:${outcome.conversationId}`, part, row.created_at, outcome.error.message, at),
        ];
      });
      // Until the server's copy holds the action's changes, the view keeps applying it (no jump back):
      // its conversations' copies, or for an action on none the cache's cursor.
      const settled =
        result.seq === 0 ||
        (targets.length > 0
          ? targets.every((target) => result.seq <= serverSeqOf(db, target))
          : result.seq <= getCursor(db));
      if (settled) deleteEntry(db, id);
      else prepared(db, "UPDATE outbox SET state = 'acked', ack_seq = ? WHERE id = ?").run(result.seq, id);
      rebaseAll(db, targets);
      return { acked: true, refused, conversationIds: targets };
    })(),
  );
}

/** One conversation's refused part of an action on several, kept for the rep like a refused action. */
function insertRefusedPart(
  db: Db,
  id: string,
  part: Action & { conversationId: string },
  createdAt: number,
  reason: string,
  at: number,
): RejectedEntry {
  prepared(
    db,
    `INSERT OR IGNORE INTO outbox (id, conversation_id, type, payload, created_at, state, reason, rejected_at)
     VALUES (?, ?, ?, ?, ?, 'rejected', ?, ?)`,
  ).run(id, part.conversationId, part.type, JSON.stringify(part), createdAt, reason, at);
  const row = getRow(db, id);
  if (!row) throw new Error(`refused part ${id} was not stored`);
  return { ...toEntry(row), reason, rejectedAt: at };
}

/**
 * A pulled change names one of our actions: the server applied it, even if its ack never
 * arrived. It stops counting as pending and is not sent again.
 */
export function noteServerApplied(db: Db, id: string, seq: number): void {
  prepared(
    db,
    `UPDATE outbox SET state = 'acked', ack_seq = max(coalesce(ack_seq, 0), ?)
     WHERE id = ? AND state IN ('pending', 'acked')`,
  ).run(seq, id);
}

/** Acked actions whose changes the cache has pulled (`cursor`) are done. */
export function pruneAcked(db: Db, cursor: number): void {
  const ids = prepared(db, "SELECT id FROM outbox WHERE state = 'acked' AND ack_seq <= ?")
    .pluck()
    .all(cursor) as string[];
  const touched = new Set<string>();
  for (const id of ids) {
    for (const target of targetsOfRow(db, id)) touched.add(target);
    deleteEntry(db, id);
  }
  rebaseAll(db, [...touched]);
}

/**
 * The server refused the action for good: its local effect is undone (a reply stays in the
 * thread marked failed, so its text is not lost) and it is kept, with the reason, until the rep
 * dismisses it. Returns the refused action, or null when it was not in the outbox.
 */
export function markRejected(db: Db, id: string, reason: string, at: number): RejectedEntry | null {
  return durably(db, () =>
    db.transaction(() => {
      const row = getRow(db, id);
      if (!row || row.state !== 'pending') return null;
      prepared(db, "UPDATE outbox SET state = 'rejected', reason = ?, rejected_at = ? WHERE id = ?").run(
        reason,
        at,
        id,
      );
      if (row.type === 'reply' && row.local_id !== null) {
        prepared(db, "UPDATE messages SET status = 'failed' WHERE id = ?").run(row.local_id);
      }
      if (row.type === 'note' && row.local_id !== null) deleteNote(db, row.local_id);
      // Undone everywhere it showed: the view no longer applies it (rebase reads pending and acked only).
      rebaseAll(db, targetsOfRow(db, id));
      return { ...toEntry(row), reason, rejectedAt: at };
    })(),
  );
}

export interface RejectedEntry extends OutboxEntry {
  reason: string;
  rejectedAt: number;
}

export function listRejected(db: Db): RejectedEntry[] {
  const rows = prepared(db, "SELECT * FROM outbox WHERE state = 'rejected' ORDER BY seq").all() as OutboxRow[];
  return rows.map((row) => ({
    ...toEntry(row),
    reason: row.reason ?? '',
    rejectedAt: row.rejected_at ?? row.created_at,
  }));
}

/** The rep has seen a refused action: it goes, with a refused reply's failed copy. Returns the conversations it named. */
export function dismissRejected(db: Db, id: string): string[] | null {
  return db.transaction(() => {
    const row = getRow(db, id);
    if (!row || row.state !== 'rejected') return null;
    const touched = toEntry(row).conversationIds;
    deleteEntry(db, id);
    if (row.type === 'reply' && row.local_id !== null) deleteMessage(db, row.local_id);
    return touched;
  })();
}
