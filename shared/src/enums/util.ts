/** The keys of an `as const` label map, typed as a non-empty tuple so `z.enum` accepts them. */
export const keysOf = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** `true` when `value` is one of the keys of the label map (a type guard for untrusted input). */
export const isKeyOf = <T extends Record<string, unknown>>(o: T, value: unknown): value is keyof T & string => typeof value === 'string' && Object.prototype.hasOwnProperty.call(o, value);

/** Reverse lookup of a numeric code map (§10 codes ↔ our English names). */
export const fromCode = <K extends string>(codes: Readonly<Record<K, number>>, code: number): K | undefined => (Object.keys(codes) as K[]).find((k) => codes[k] === code);
