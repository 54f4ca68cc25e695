import { customType } from 'drizzle-orm/mysql-core';
import { createSealer, type Sealer } from '../../lib/pii';

/**
 * Columns holding phone numbers (issue 12.9, §9): sealed on the way to the database and opened
 * on the way back, inside drizzle's column mapping, so `eq(users.phone, phone)`, joins and
 * unique indexes keep working on the sealed values and no service handles cipher text.
 *
 * The schema is static while the key comes from PII_SECRET, so the key is process-wide: set
 * once at start (plugins/context.ts, seed, bench) by `useSealKey`. A second, different secret
 * in the same process is refused — it would mix keys in one database.
 */
let sealer: Sealer | null = null;
let sealSecret: string | null = null;

export function useSealKey(secret: string): void {
  if (sealSecret !== null && sealSecret !== secret) throw new Error('PII_SECRET differs from the one already in use in this process');
  if (sealSecret === null) {
    sealer = createSealer(secret);
    sealSecret = secret;
  }
}

export function activeSealer(): Sealer {
  if (!sealer) throw new Error('phone columns used before useSealKey(PII_SECRET)');
  return sealer;
}

/** Sealed text: 11 digits → 58 chars; 20 chars → 70. */
export const sealedText = customType<{ data: string; driverData: string; config: { length: number } }>({
  dataType: (config) => `varchar(${config?.length ?? 96})`,
  toDriver: (value) => activeSealer().seal(value),
  fromDriver: (value) => activeSealer().open(value),
});

/** JSON documents whose listed top-level string fields are sealed (the check-in form's phone). */
export function sealedJson<T extends Record<string, unknown>>(sealedKeys: readonly string[]) {
  return customType<{ data: T; driverData: string }>({
    dataType: () => 'json',
    toDriver(value) {
      const copy: Record<string, unknown> = { ...value };
      for (const k of sealedKeys) if (typeof copy[k] === 'string' && copy[k]) copy[k] = activeSealer().seal(copy[k]);
      return JSON.stringify(copy);
    },
    fromDriver(value) {
      const doc = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
      for (const k of sealedKeys) if (typeof doc[k] === 'string') doc[k] = activeSealer().open(doc[k]);
      return doc as T;
    },
  });
}
