/** Where uploaded bytes live. Local disk now; an object store (S3/COS) can implement it later. */
export interface Storage {
  readonly kind: string;
  put(key: string, data: Buffer, mime: string): Promise<void>;
  /** null when the key holds nothing. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}
