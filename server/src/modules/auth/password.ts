import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

// OWASP-recommended scrypt cost (N=2^15, r=8, p=1); parameters are stored with the hash
// so they can be raised later without breaking old hashes.
/** log2 of N: production's (and the default), and the range PASSWORD_SCRYPT_LOG_N may take (env.ts). */
export const SCRYPT_LOG_N = { default: 15, min: 10, max: 20 } as const;
/**
 * N of new hashes: 2^15, or 2^PASSWORD_SCRYPT_LOG_N where the test suites set 10 — a hash then
 * costs ~2 ms of CPU instead of ~80–120, and the server tests and the E2E stacks make hundreds
 * (every login, every account they create). env.ts refuses anything under 15 in production.
 * Read where it is used: the seed scripts and test fixtures hash without loading the config.
 */
const costN = () => {
  const logN = Number(process.env.PASSWORD_SCRYPT_LOG_N);
  // a value env.ts would refuse falls back to the default here
  return 1 << (Number.isInteger(logN) && logN >= SCRYPT_LOG_N.min && logN <= SCRYPT_LOG_N.max ? logN : SCRYPT_LOG_N.default);
};
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const N = costN();
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return timingSafeEqual(key, expected);
}

/** A hash to compare against when the phone is unknown, so timing does not reveal accounts (at the cost new hashes have). */
export const dummyHash = () => `scrypt$${costN()}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEYLEN).toString('base64')}`;
