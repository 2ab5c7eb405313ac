import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from './errors.js';

/** What a user reads when a write fails for want of space: the administrator must act. */
export const STORAGE_FULL_MESSAGE = '服务器存储空间不足，请联系系统管理员';

export const storageFull = () => new AppError(507, 'STORAGE_FULL', STORAGE_FULL_MESSAGE);

/** The folders whose free space the health check watches, and how little is too little. */
export interface DiskWatch {
  /** by name as the health check reports them: `data` (the database, backups), `uploads` */
  directories: Record<string, string>;
  minFreeMb: number;
}

/**
 * Whether an error is a write refused for want of space: a full disk or an exhausted quota under
 * our own writes (ENOSPC, EDQUOT), or PostgreSQL's disk_full (53100) and its "could not extend
 * file" (a table that could not grow), from the server or the embedded engine alike.
 */
export function isDiskFull(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === 'ENOSPC' || e.code === 'EDQUOT' || e.code === '53100') return true;
  return typeof e.message === 'string' && /could not extend file|No space left on device/i.test(e.message);
}

const QUIET_MS = 10 * 60_000;
let lastLogged = 0;
let unlogged = 0;

/**
 * The answer to a write refused for want of space (507, in the API's error shape), or null for
 * any other error. Logged once, then again at most every ten minutes with how many followed: a
 * full disk refuses every write, and a log line for each would only fill it further.
 */
export function fromFullDisk(err: unknown, log: FastifyBaseLogger, now = Date.now()): AppError | null {
  if (!isDiskFull(err)) return null;
  if (now - lastLogged >= QUIET_MS) {
    log.error({ err, sinceLastLogged: unlogged }, '存储空间不足：写入失败');
    lastLogged = now;
    unlogged = 0;
  } else unlogged += 1;
  return storageFull();
}

/** Free space, in whole MB, of the file system holding `dir` (its nearest existing parent if it is not there yet). */
export async function freeMegabytes(dir: string): Promise<number> {
  let at = path.resolve(dir);
  for (;;) {
    try {
      const stats = await fs.statfs(at);
      return Math.floor((stats.bavail * stats.bsize) / (1024 * 1024));
    } catch (err) {
      const parent = path.dirname(at);
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === at) throw err;
      at = parent;
    }
  }
}

export interface DiskState {
  freeMb: number | null;
  ok: boolean;
}

/** Each watched folder's free space and whether it is above the minimum; a folder that cannot be read is not ok. */
export async function diskStates(watch: DiskWatch): Promise<Record<string, DiskState>> {
  const entries = await Promise.all(
    Object.entries(watch.directories).map(async ([name, dir]) => {
      const freeMb = await freeMegabytes(dir).catch(() => null);
      return [name, { freeMb, ok: freeMb !== null && freeMb >= watch.minFreeMb }] as const;
    }),
  );
  return Object.fromEntries(entries);
}
