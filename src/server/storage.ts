import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Where uploaded files live. A local folder by default; an object store can implement the same three calls. */
export interface FileStorage {
  put(buffer: Buffer, hint: string): Promise<string>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

/** The file-system calls the local store makes: node's own, or a wrapper (a test's failing disk). */
export interface StorageFs {
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  writeFile(file: string, data: Buffer): Promise<void>;
  readFile(file: string): Promise<Buffer>;
  rm(file: string, options: { force: true }): Promise<void>;
}

export class LocalFolderStorage implements FileStorage {
  constructor(
    readonly root: string,
    private readonly files: StorageFs = fs,
  ) {}

  /**
   * Keys are generated here (date folder + random name), never taken from the client. A write
   * that fails (a full disk: ENOSPC, EDQUOT) leaves no part of the file behind, and its error
   * goes on to the caller as it is, for the API to answer in its own words.
   */
  async put(buffer: Buffer, hint: string): Promise<string> {
    const day = new Date().toISOString().slice(0, 10);
    const ext = path
      .extname(hint)
      .toLowerCase()
      .replace(/[^.a-z0-9]/g, '')
      .slice(0, 8);
    const key = `${day}/${randomUUID()}${ext}`;
    const file = this.resolve(key);
    await this.files.mkdir(path.dirname(file), { recursive: true });
    try {
      await this.files.writeFile(file, buffer);
    } catch (err) {
      await this.files.rm(file, { force: true }).catch(() => undefined);
      throw err;
    }
    return key;
  }

  get(key: string): Promise<Buffer> {
    return this.files.readFile(this.resolve(key));
  }

  async remove(key: string): Promise<void> {
    await this.files.rm(this.resolve(key), { force: true });
  }

  /** The file a key names, inside the root whatever the key holds. */
  resolve(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error('invalid storage key');
    return file;
  }
}
