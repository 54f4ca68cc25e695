import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Storage } from './types';

/** Files under UPLOAD_DIR (default `<repo>/.data/uploads`); keys are generated, never user input. */
export class LocalDiskStorage implements Storage {
  readonly kind = 'local';

  constructor(private readonly root: string) {}

  private fileOf(key: string): string {
    if (!/^[A-Za-z0-9/_-]{1,128}$/.test(key) || key.includes('..')) throw new Error('invalid storage key');
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data, { flag: 'wx' });
  }

  async putStream(key: string, source: Readable, _mime: string, onChunk?: (chunk: Buffer) => void): Promise<number> {
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    let size = 0;
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) {
        try {
          onChunk?.(chunk);
          size += chunk.length;
          done(null, chunk);
        } catch (err) {
          done(err as Error);
        }
      },
    });
    try {
      await pipeline(source, check, createWriteStream(file, { flags: 'wx' }));
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    return size;
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.fileOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async getStream(key: string): Promise<Readable | null> {
    const file = this.fileOf(key);
    try {
      // opened first, so a missing file is a null here and not an error mid-response
      const fh = await open(file, 'r');
      return fh.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async readRange(key: string, offset: number, length: number): Promise<Buffer | null> {
    let fh;
    try {
      fh = await open(this.fileOf(key), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }
}
