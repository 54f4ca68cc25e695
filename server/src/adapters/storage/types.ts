import type { Readable } from 'node:stream';

/** Where uploaded bytes live. Local disk now; an object store (S3/COS) can implement it later. */
export interface Storage {
  readonly kind: string;
  put(key: string, data: Buffer, mime: string): Promise<void>;
  /**
   * Streams `source` to `key` without holding it in memory (20 MB e-archives), passing every
   * chunk to `onChunk` first (size / content checks; throwing there aborts and removes the
   * partial file). Resolves with the number of bytes written.
   */
  putStream(key: string, source: Readable, mime: string, onChunk?: (chunk: Buffer) => void): Promise<number>;
  /** null when the key holds nothing. */
  get(key: string): Promise<Buffer | null>;
  /** A stream of the bytes (served to the client as they are read); null when the key holds nothing. */
  getStream(key: string): Promise<Readable | null>;
  /** `length` bytes at `offset` (fewer at the end of the file); null when the key holds nothing. */
  readRange(key: string, offset: number, length: number): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}
