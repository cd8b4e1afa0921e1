// The outbox: rep actions in the order they were made, until the server has applied them.
import type { Message, Note } from '../../../shared/domain';
import { Action } from '../../../shared/sync';
import type { ActionResult } from '../../../shared/sync';
import { rebaseConversation, serverSeqOf } from './conversation-state';
import { deleteMessage, upsertMessage } from './messages';
import { deleteNote, insertLocalNote, upsertNote } from './notes';
import type { Db } from './open';
import { durably } from './open';
import { prepared } from './statements';

export interface OutboxEntry {
  seq: number;
  id: string;
  conversationId: string;
  action: Action;
  createdAt: number;
  attempts: number;
  /** The local message (reply) or note standing in for the server's copy. */
  localId: string | null;
}

interface OutboxRow {
  seq: number;
  id: string;
  conversation_id: string;
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
  return {
    seq: row.seq,
    id: row.id,
    conversationId: row.conversation_id,
    action: Action.parse(JSON.parse(row.payload)),
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
  const { action } = entry;
  const localId = entry.local ? ('message' in entry.local ? entry.local.message.id : entry.local.note.id) : null;
  durably(db, () =>
    db.transaction(() => {
      prepared(
        db,
        `INSERT INTO outbox (id, conversation_id, type, payload, created_at, state, local_id)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      ).run(entry.id, action.conversationId, action.type, JSON.stringify(action), entry.createdAt, localId);
      if (entry.local && 'message' in entry.local) upsertMessage(db, entry.local.message);
      if (entry.local && 'note' in entry.local) insertLocalNote(db, entry.local.note);
      rebaseConversation(db, action.conversationId);
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

function getRow(db: Db, id: string): OutboxRow | undefined {
  return prepared(db, 'SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
}

/**
 * The server applied the action: its reply or note replaces the local one, and the action
 * stays (acked) until the server's copy of the conversation includes it — so the rep's view
 * does not jump back meanwhile. Returns false when the entry was already gone.
 */
export function markAcked(db: Db, id: string, result: ActionResult): boolean {
  return durably(db, () =>
    db.transaction(() => {
      const row = getRow(db, id);
      if (!row || row.state === 'rejected') return false;
      if (result.message) {
        if (row.local_id !== null && row.local_id !== result.message.id) deleteMessage(db, row.local_id);
        upsertMessage(db, { ...result.message, clientId: result.message.clientId ?? id });
      }
      if (result.note) upsertNote(db, result.note);
      if (result.seq === 0 || result.seq <= serverSeqOf(db, row.conversation_id)) {
        prepared(db, 'DELETE FROM outbox WHERE id = ?').run(id);
      } else {
        prepared(db, "UPDATE outbox SET state = 'acked', ack_seq = ? WHERE id = ?").run(result.seq, id);
      }
      rebaseConversation(db, row.conversation_id);
      return true;
    })(),
  );
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
  const rows = prepared(db, "DELETE FROM outbox WHERE state = 'acked' AND ack_seq <= ? RETURNING conversation_id").all(
    cursor,
  ) as { conversation_id: string }[];
  for (const id of new Set(rows.map((row) => row.conversation_id))) rebaseConversation(db, id);
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
      rebaseConversation(db, row.conversation_id);
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

/** The rep has seen a refused action: it goes, with a refused reply's failed copy. */
export function dismissRejected(db: Db, id: string): string | null {
  return db.transaction(() => {
    const row = getRow(db, id);
    if (!row || row.state !== 'rejected') return null;
    prepared(db, 'DELETE FROM outbox WHERE id = ?').run(id);
    if (row.type === 'reply' && row.local_id !== null) deleteMessage(db, row.local_id);
    return row.conversation_id;
  })();
}
