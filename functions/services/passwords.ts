import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams { N: number; r: number; p: number }
/** OWASP Password Storage Cheat Sheet: scrypt N=2^17, r=8, p=1. */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEYLEN = 32;

function derive(password: string, salt: Buffer, p: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 16 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key));
  });
}

/** `scrypt$N$r$p$salt$hash`, so parameters can rise later without invalidating stored hashes. */
export async function hashPassword(password: string, p: ScryptParams): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, p);
  return ['scrypt', p.N, p.r, p.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, N, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  const expected = Buffer.from(hash, 'base64url');
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/** A hash of a random password, so unknown accounts take as long to reject as known ones. */
let dummy: Promise<string> | undefined;
export function dummyHash(p: ScryptParams): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'), p);
  return dummy;
}
