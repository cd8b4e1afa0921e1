import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 64;
const OPTIONS: ScryptOptions = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export interface PasswordHash {
  salt: string;
  hash: string;
}

function derive(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), Buffer.from(salt, 'hex'), KEY_LENGTH, OPTIONS, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16).toString('hex');
  return { salt, hash: (await derive(password, salt)).toString('hex') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = await derive(password, stored.salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Burns the same time as a real check when the email is unknown, so timing reveals nothing. */
const DUMMY: PasswordHash = { salt: '00'.repeat(16), hash: '00'.repeat(KEY_LENGTH) };
export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(password, DUMMY);
  return false;
}
