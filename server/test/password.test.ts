import { dummyHash, hashPassword, verifyPassword } from '../src/modules/auth/password';

/**
 * Password hashes (scrypt): the cost comes from PASSWORD_SCRYPT_LOG_N (the suites set 10 in
 * global-setup.ts; production refuses less than 15, env.test.ts) and is stored with each hash,
 * so a hash made at one cost is checked at that cost whatever the setting is now.
 */
const withLogN = async <T>(value: string | undefined, fn: () => Promise<T>) => {
  const before = process.env.PASSWORD_SCRYPT_LOG_N;
  if (value === undefined) delete process.env.PASSWORD_SCRYPT_LOG_N;
  else process.env.PASSWORD_SCRYPT_LOG_N = value;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.PASSWORD_SCRYPT_LOG_N;
    else process.env.PASSWORD_SCRYPT_LOG_N = before;
  }
};

it('hashes at scrypt N = 2^15 by default, at the configured cost when set', async () => {
  const strong = await withLogN(undefined, () => hashPassword('abc12345'));
  expect(strong).toMatch(/^scrypt\$32768\$8\$1\$/);
  const fast = await withLogN('10', () => hashPassword('abc12345'));
  expect(fast).toMatch(/^scrypt\$1024\$8\$1\$/);
  // each is checked at its own cost, whatever the setting now
  await withLogN('10', async () => {
    expect(await verifyPassword('abc12345', strong)).toBe(true);
    expect(await verifyPassword('abc12346', strong)).toBe(false);
  });
  await withLogN(undefined, async () => expect(await verifyPassword('abc12345', fast)).toBe(true));
});

it('the stand-in hash for unknown phones costs what a new hash costs', async () => {
  await withLogN(undefined, async () => expect(dummyHash()).toMatch(/^scrypt\$32768\$/));
  await withLogN('10', async () => {
    expect(dummyHash()).toMatch(/^scrypt\$1024\$/);
    expect(await verifyPassword('anything', dummyHash())).toBe(false);
  });
});

it('a cost outside 10–20 (what env.ts refuses) falls back to 2^15', async () => {
  for (const bad of ['4', '21', 'fast', '12.5']) await withLogN(bad, async () => expect(await hashPassword('abc12345')).toMatch(/^scrypt\$32768\$/));
});
