import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpRoutes } from '../../shared/sync/http';
import { DEMO_PASSWORD } from '../demo/generate';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';

/** What a sign-in answers: HTTP status and error code (if any). */
interface Answer {
  status: number;
  code?: string;
  message?: string;
}

describe('POST /api/session', () => {
  let server: TestServer;
  let logged: unknown[];

  // A fresh server (and throttle) per test: each test counts attempts from zero.
  beforeEach(async () => {
    logged = [];
    server = await startTestServer({ demoConversations: 0, log: (error) => logged.push(error) });
  });

  afterEach(async () => {
    await server?.close();
  });

  async function signIn(email: string, password: string): Promise<Answer> {
    const response = await fetch(new URL(HttpRoutes.signIn, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await response.json()) as { code?: string; message?: string };
    return { status: response.status, code: body.code, message: body.message };
  }

  function tally(answers: readonly Answer[]): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }

  it('checks only 10 of 80 concurrent wrong passwords for one email; the other 70 are refused unchecked', async () => {
    const answers = await Promise.all(
      Array.from({ length: 80 }, () => signIn('rep01@northwind.example', 'wrong password')),
    );
    // 401 means the password was checked; 429 means it was refused before any check.
    expect(tally(answers)).toEqual({ 401: 10, 429: 70 });
    expect(await signIn('rep01@northwind.example', DEMO_PASSWORD)).toMatchObject({
      status: 429,
      code: 'rate_limited',
    });
    expect(logged).toEqual([]);
  });

  it('checks only 30 of 80 concurrent wrong passwords for 80 emails from one address', async () => {
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) => signIn(`guess${i}@northwind.example`, 'wrong password')),
    );
    expect(tally(answers)).toEqual({ 401: 30, 429: 50 });
    expect(logged).toEqual([]);
  });

  it('answers a NUL or a broken emoji in the email with 400, counting and logging nothing', async () => {
    const unstorable = ['rep01\u0000@northwind.example', 'rep01\ud83d@northwind.example', '\udc00'];
    // More than the address's limit of 30: none of them counts as an attempt.
    for (let round = 0; round < 11; round++) {
      for (const email of unstorable) {
        expect(await signIn(email, DEMO_PASSWORD)).toEqual({
          status: 400,
          code: 'invalid_input',
          message: expect.stringMatching(
            /^Invalid input at email: Text cannot contain (NUL|unpaired surrogates)/,
          ) as string,
        });
      }
    }
    expect((await signIn('rep01@northwind.example', DEMO_PASSWORD)).status).toBe(200);
    expect(logged).toEqual([]);
  });
});
