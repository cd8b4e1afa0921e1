// What the rep typed and has not sent (migration 024): on this device only, never synced.
import type { Draft } from '../../../shared/api';
import type { Db } from './open';
import { prepared } from './statements';

/** Every draft of a conversation still in the cache (one the rep may no longer see is left out). */
export function listDrafts(db: Db): Draft[] {
  return prepared(
    db,
    `SELECT d.conversation_id AS conversationId, d.kind, d.body FROM drafts d
     JOIN conversations c ON c.id = d.conversation_id
     ORDER BY d.updated_at`,
  ).all() as Draft[];
}

/** Keeps the draft; an empty (or blank) body removes it. */
export function saveDraft(db: Db, draft: Draft, now: number): void {
  if (draft.body.trim() === '') {
    prepared(db, 'DELETE FROM drafts WHERE conversation_id = ? AND kind = ?').run(draft.conversationId, draft.kind);
    return;
  }
  prepared(
    db,
    `INSERT INTO drafts (conversation_id, kind, body, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (conversation_id, kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  ).run(draft.conversationId, draft.kind, draft.body, now);
}

/** Removes a conversation's drafts (it left the cache: erased, or no longer the rep's to see). */
export function deleteDraftsOf(db: Db, conversationId: string): void {
  prepared(db, 'DELETE FROM drafts WHERE conversation_id = ?').run(conversationId);
}
