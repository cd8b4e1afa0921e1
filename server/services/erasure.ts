import type { User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { reachOf } from '../../shared/domain/permissions';
import { sameName } from '../../shared/sync/http';
import type { CustomerErasureRequest, CustomerErasureResponse } from '../../shared/sync/http';
import { appendChanges } from '../db/changes';
import type { AppendedChanges, NewChange } from '../db/changes';
import { getConversation } from '../db/conversations';
import { getCustomer, lockCustomer } from '../db/customers';
import {
  deleteErasedRows,
  erasureDeletions,
  erasureScope,
  replaceAuditWithErasure,
  rewriteChangeLog,
  vacuumErasedTables,
} from '../db/erasure';
import type { Sql } from '../db/sql';

interface ErasureResult {
  response: CustomerErasureResponse;
  changes: AppendedChanges;
}

/**
 * An admin erases a customer (README "Erasure"), in one transaction: their rows go, the change
 * log's versions of them become deletions, every team whose engines may hold them gets a `delete`
 * now, and the audit log keeps only that the erasure happened. Then the tables are vacuumed, so
 * their files no longer hold the erased text. The caller pokes `changes`.
 */
export async function eraseCustomer(
  sql: Sql,
  actor: User,
  customerId: string,
  request: CustomerErasureRequest,
  now: number,
  log: (error: unknown) => void = console.error,
): Promise<ErasureResult> {
  if (reachOf(actor.role, 'eraseCustomer') === 'none') {
    throw new CaredeskError('forbidden', 'Only admins may erase a customer.');
  }
  const result = await sql.transaction(async (tx): Promise<ErasureResult> => {
    await lockCustomer(tx, customerId);
    const customer = await getCustomer(tx, customerId);
    if (!customer) throw new CaredeskError('not_found', 'That customer does not exist (any more).');
    if (!sameName(request.confirmName, customer.name)) {
      throw new CaredeskError(
        'invalid_input',
        'The name typed does not match the customer’s name: nothing was erased.',
      );
    }
    const scope = await erasureScope(tx, customerId);
    const deletions = await erasureDeletions(tx, scope);
    const { counts, suggestionsChanged } = await deleteErasedRows(tx, scope);
    await rewriteChangeLog(tx, scope);
    const updates: NewChange[] = [];
    for (const id of suggestionsChanged) {
      const conversation = await getConversation(tx, id);
      if (conversation)
        updates.push({ teamId: conversation.teamId, change: { kind: 'conversation', data: conversation } });
    }
    const changes = await appendChanges(tx, [...deletions, ...updates], now, { actor: actor.id, type: 'erasure' });
    const teamIds = [...new Set(deletions.map((deletion) => deletion.teamId).filter((id) => id !== null))].sort();
    await replaceAuditWithErasure(tx, scope, customerId, { actor: actor.id, at: now, teamIds });
    return { response: { customerId, erased: counts, vacuumed: true }, changes };
  });
  try {
    await vacuumErasedTables(sql);
  } catch (error) {
    // Erased already (committed): only the old row versions wait in the table files.
    log(
      new Error('The erasure committed but its VACUUM FULL failed: run it by hand (server README "Erasure").', {
        cause: error,
      }),
    );
    return { ...result, response: { ...result.response, vacuumed: false } };
  }
  return result;
}
