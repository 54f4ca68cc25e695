import { createPii, createSealer } from '../src/lib/pii';
import { atRestKey, deriveKey } from '../src/lib/keys';

const SECRET = 'pinned-secret-0123456789';

describe('key derivation (lib/keys.ts)', () => {
  // Values written by the code before HKDF came in: stored rows depend on these exact bytes.
  it('keeps the keys of data at rest byte-identical', () => {
    expect(createSealer(SECRET).seal('13800138000')).toBe('p1.GiFiPVY1C2VkJe2CLYd8lOSDCraqGsBaXYBlkmODINBBAPYuXtDQ');
    expect(createPii(SECRET).lookupHash('11010519491231002x')).toBe('1da2ef98522d14b55a187198e12efee461e844bb7d09673f67fb1cd8f6c8181b');
    expect(createPii(SECRET).secretHash('Ab12Cd')).toBe('96adb25c838749c2c8f14911a80b0cb10fcb874637dc1d9be92cdf02ffa31be2');
    const pii = createPii(SECRET);
    expect(pii.decrypt(pii.encrypt('11010519491231002X'))).toBe('11010519491231002X');
  });

  it('derives new keys with HKDF, one per purpose and secret, none equal to an at-rest key', () => {
    const a = deriveKey(SECRET, 'link:cadre-invitation');
    expect(a).toHaveLength(32);
    expect(deriveKey(SECRET, 'link:cadre-invitation').equals(a)).toBe(true);
    expect(deriveKey(SECRET, 'link:other').equals(a)).toBe(false);
    expect(deriveKey(`${SECRET}!`, 'link:cadre-invitation').equals(a)).toBe(false);
    for (const label of ['enc', 'mac', 'seal-enc', 'seal-iv'] as const) expect(atRestKey(SECRET, label).equals(deriveKey(SECRET, label))).toBe(false);
  });
});
