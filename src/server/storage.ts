import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Where uploaded files live. A local folder by default; an object store can implement the same three calls. */
export interface FileStorage {
  put(buffer: Buffer, hint: string): Promise<string>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export class LocalFolderStorage implements FileStorage {
  constructor(private readonly root: string) {}

  /** Keys are generated here (date folder + random name), never taken from the client. */
  async put(buffer: Buffer, hint: string): Promise<string> {
    const day = new Date().toISOString().slice(0, 10);
    const ext = path
      .extname(hint)
      .toLowerCase()
      .replace(/[^.a-z0-9]/g, '')
      .slice(0, 8);
    const key = `${day}/${randomUUID()}${ext}`;
    const file = this.resolve(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, buffer);
    return key;
  }

  get(key: string): Promise<Buffer> {
    return fs.readFile(this.resolve(key));
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.resolve(key), { force: true });
  }

  private resolve(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error('invalid storage key');
    return file;
  }
}
