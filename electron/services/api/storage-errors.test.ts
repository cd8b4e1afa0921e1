import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api';
import { openCache } from '../db/open';
import { fillCache } from '../db/testing';
import { dispatchCall } from './dispatch';
import { withStorageErrors } from './storage-errors';

describe('withStorageErrors', () => {
  it('answers a call that hit a full cache with storage_full, and passes everything else through', async () => {
    const db = openCache(':memory:');
    fillCache(db);
    const handlers = withStorageErrors(
      {
        'inbox:teams': () => {
          // Synchronous, as better-sqlite3 is: the wrapper catches throws as well as rejections.
          db.prepare('INSERT INTO teams (id, name) VALUES (?, ?)').run('t9', 'x'.repeat(9000));
          return Promise.resolve([]);
        },
        'sync:status': () => Promise.reject(new Error('boom')),
        'session:me': () => Promise.resolve({ user: null, serverUrl: 'http://127.0.0.1:1', secretStore: 'memory' }),
      } as unknown as ApiHandlers,
      db,
    );
    const logged: unknown[] = [];
    const log = (error: unknown) => logged.push(error);
    expect(await dispatchCall(handlers, 'inbox:teams', {}, log)).toEqual({
      ok: false,
      error: {
        code: 'storage_full',
        message:
          'Caredesk could not save to this computer because the disk is full. Free some space; nothing you typed was lost.',
      },
    });
    expect(logged).toEqual([]);
    expect(await dispatchCall(handlers, 'sync:status', {}, log)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(logged).toHaveLength(1);
    expect(await dispatchCall(handlers, 'session:me', {}, log)).toMatchObject({ ok: true, value: { user: null } });
    db.close();
  });
});
