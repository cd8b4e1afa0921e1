import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messages } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CaredeskError } from '../shared/domain/errors';
import { clientErrorBody, isDiskFull, SERVER_STORAGE_FULL_MESSAGE, SQLSTATE_DISK_FULL } from './errors';
import { sendError } from './http/json';

/** The error classes the two drivers really throw, with the SQLSTATE PostgreSQL sends when its disk is full. */
function diskFull(driver: 'pg' | 'pglite'): Error {
  const text = 'could not extend file "base/16384/16385": No space left on device';
  const error = driver === 'pg' ? new pg.DatabaseError(text, 0, 'error') : new messages.DatabaseError(text, 0, 'error');
  error.code = SQLSTATE_DISK_FULL;
  return error;
}

describe('server errors as clients see them', () => {
  it.each(['pg', 'pglite'] as const)('maps SQLSTATE 53100 from %s to storage_full, and logs it', (driver) => {
    const logged: unknown[] = [];
    const error = diskFull(driver);
    expect(isDiskFull(error)).toBe(true);
    expect(clientErrorBody(error, (e) => logged.push(e))).toEqual({
      code: 'storage_full',
      message: SERVER_STORAGE_FULL_MESSAGE,
    });
    expect(logged).toEqual([error]);
  });

  it('leaves other database errors internal, and client errors as they are', () => {
    const logged: unknown[] = [];
    const log = (e: unknown) => logged.push(e);
    const divisionByZero = new pg.DatabaseError('division by zero', 0, 'error');
    divisionByZero.code = '22012';
    expect(isDiskFull(divisionByZero)).toBe(false);
    expect(clientErrorBody(divisionByZero, log)).toMatchObject({ code: 'internal' });
    expect(clientErrorBody(new CaredeskError('not_found', 'No such conversation.'), log)).toEqual({
      code: 'not_found',
      message: 'No such conversation.',
    });
    expect(isDiskFull(null)).toBe(false);
    expect(isDiskFull({ code: 53100 })).toBe(false);
    expect(logged).toEqual([divisionByZero]);
  });

  it('answers HTTP requests that hit a full disk with 507 and the storage_full body', async () => {
    const http = createServer((_req, res) => sendError(res, diskFull('pg'), () => {}));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
      expect(response.status).toBe(507);
      expect(await response.json()).toEqual({ code: 'storage_full', message: SERVER_STORAGE_FULL_MESSAGE });
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
