/**
 * The little of the tar format (POSIX ustar) a backup needs: regular files, written to and read
 * from a gzip stream one entry at a time, so a backup of many uploads never sits in memory whole.
 * `tar -tzf backup.tar.gz` lists what it holds.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A name as ustar holds it: up to 100 bytes, or a prefix (≤ 155 bytes) and a name (≤ 100) split at a '/'. */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  throw new Error(`文件名过长，无法写入备份：${name}`);
}

function header(name: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  const parts = splitName(name);
  block.write(parts.name, 0, 100, 'utf8');
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii'); // the checksum counts itself as spaces
  block.write('0', 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');
  block.write(parts.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** Writes tar entries to a stream, waiting for it to drain: `end()` writes the closing blocks. */
export class TarWriter {
  constructor(private readonly out: Writable) {}

  private async write(chunk: Buffer): Promise<void> {
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async add(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await this.write(header(name, data.length, mtime));
    await this.write(data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad) await this.write(Buffer.alloc(pad));
  }

  async end(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.out.end();
    await once(this.out, 'finish');
  }
}

export interface TarEntry {
  name: string;
  size: number;
}

/** What to do with an entry's bytes as they arrive; `end` once they all have. */
export interface EntrySink {
  write(chunk: Buffer): void;
  end(): void;
}

const text = (block: Buffer, start: number, length: number) => {
  const raw = block.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return (nul === -1 ? raw : raw.subarray(0, nul)).toString('utf8');
};

function parseHeader(block: Buffer): (TarEntry & { type: string }) | null {
  if (block.every((byte) => byte === 0)) return null;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  if (Number.parseInt(text(block, 148, 8).trim(), 8) !== sum)
    throw new Error('备份文件已损坏（tar 头校验失败）');
  const name = text(block, 0, 100);
  const prefix = text(block, 257, 6) === 'ustar' ? text(block, 345, 155) : '';
  return {
    name: prefix ? `${prefix}/${name}` : name,
    size: Number.parseInt(text(block, 124, 12).trim() || '0', 8),
    type: text(block, 156, 1) || '0',
  };
}

/**
 * Reads tar entries from a stream (already un-gzipped), handing each regular file's bytes to the
 * sink `open` returns for it (null skips the entry). Fails on a damaged header or a stream that
 * ends inside an entry.
 */
export async function readTar(input: Readable, open: (entry: TarEntry) => EntrySink | null): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let entry: { sink: EntrySink | null; left: number; pad: number } | null = null;
  let ended = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (!ended) {
      if (entry) {
        if (entry.left > 0) {
          if (!pending.length) break;
          const take = Math.min(entry.left, pending.length);
          entry.sink?.write(pending.subarray(0, take));
          pending = pending.subarray(take);
          entry.left -= take;
          if (entry.left > 0) break;
          entry.sink?.end();
        }
        if (pending.length < entry.pad) break;
        pending = pending.subarray(entry.pad);
        entry = null;
        continue;
      }
      if (pending.length < BLOCK) break;
      const parsed = parseHeader(pending.subarray(0, BLOCK));
      pending = pending.subarray(BLOCK);
      if (!parsed) {
        ended = true;
        break;
      }
      const isFile = parsed.type === '0' || parsed.type === '\0';
      const sink = isFile ? open(parsed) : null;
      entry = { sink, left: parsed.size, pad: (BLOCK - (parsed.size % BLOCK)) % BLOCK };
      if (parsed.size === 0) {
        sink?.end();
        entry.left = 0;
      }
    }
  }
  if (!ended || entry) throw new Error('备份文件不完整（tar 未正常结束）');
}
