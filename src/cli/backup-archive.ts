/**
 * What an embedded backup holds, in one .tar.gz: the database (PGlite's own dump of its data
 * folder, `database.tar.gz`), every file of the upload store (`uploads/<key>`), and last a
 * manifest with each part's size and SHA-256, so a restore can tell a whole backup from a damaged
 * one. A backup made before uploads were included is PGlite's dump alone; it still restores.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { readTar, TarWriter } from './tar.js';

export const MANIFEST_ENTRY = 'manifest.json';
export const DATABASE_ENTRY = 'database.tar.gz';
const UPLOADS_PREFIX = 'uploads/';

export interface StoredPart {
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 'cppcc-backup';
  version: 1;
  createdAt: string;
  database: StoredPart;
  /** by storage key (the file's path under the upload folder, with '/') */
  uploads: Record<string, StoredPart>;
}

const partOf = (data: Buffer): StoredPart => ({
  size: data.length,
  sha256: createHash('sha256').update(data).digest('hex'),
});

/** Every file under a folder, as keys relative to it with '/'; none when the folder is not there. */
export function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Writes a backup to `target`: first to a file beside it, renamed once complete, so a backup cut
 * short (a full disk, a killed process) never stands under the name of a good one.
 */
export async function writeBackup(target: string, database: Buffer, uploadDir: string) {
  const partial = `${target}.partial`;
  const out = fs.createWriteStream(partial);
  const gzip = zlib.createGzip();
  gzip.pipe(out);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  try {
    const tar = new TarWriter(gzip);
    const manifest: Manifest = {
      format: 'cppcc-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: partOf(database),
      uploads: {},
    };
    await tar.add(DATABASE_ENTRY, database);
    for (const key of filesUnder(uploadDir)) {
      const file = path.join(uploadDir, ...key.split('/'));
      const data = fs.readFileSync(file);
      manifest.uploads[key] = partOf(data);
      await tar.add(`${UPLOADS_PREFIX}${key}`, data, fs.statSync(file).mtime);
    }
    await tar.add(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2)));
    await tar.end();
    await finished;
    fs.renameSync(partial, target);
    return { files: Object.keys(manifest.uploads).length };
  } catch (err) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

export interface ReadBackup {
  database: Buffer;
  /** null: a backup of the database alone, made before uploads were included */
  manifest: Manifest | null;
  /** what the archive's parts turned out to be, against what the manifest says */
  problems: string[];
}

/** A storage key that stays inside the upload folder: no absolute path, no '..', no empty part. */
const safeKey = (key: string) => key.split('/').every((part) => part !== '' && part !== '.' && part !== '..');

/**
 * Reads a backup: the database dump into memory, the uploads into `uploadTarget` (a new folder),
 * each part measured as it arrives and checked against the manifest once all have.
 */
export async function readBackup(file: string, uploadTarget: string): Promise<ReadBackup> {
  const seen = new Map<string, StoredPart>();
  const parts: { database?: Buffer; manifest?: string } = {};
  const problems: string[] = [];
  fs.mkdirSync(uploadTarget, { recursive: true });

  await readTar(fs.createReadStream(file).pipe(zlib.createGunzip()), ({ name }) => {
    const hash = createHash('sha256');
    let size = 0;
    const collected: Buffer[] = [];
    const measure = (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    };
    if (name === DATABASE_ENTRY || name === MANIFEST_ENTRY) {
      return {
        write: (chunk) => {
          measure(chunk);
          collected.push(Buffer.from(chunk));
        },
        end: () => {
          const data = Buffer.concat(collected);
          if (name === DATABASE_ENTRY) {
            parts.database = data;
            seen.set(name, { size, sha256: hash.digest('hex') });
          } else parts.manifest = data.toString('utf8');
        },
      };
    }
    if (name.startsWith(UPLOADS_PREFIX)) {
      const key = name.slice(UPLOADS_PREFIX.length);
      if (!safeKey(key)) {
        problems.push(`备份中有不安全的文件路径：${name}`);
        return null;
      }
      const target = path.join(uploadTarget, ...key.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const fd = fs.openSync(target, 'w');
      return {
        write: (chunk) => {
          measure(chunk);
          fs.writeSync(fd, chunk);
        },
        end: () => {
          fs.closeSync(fd);
          seen.set(name, { size, sha256: hash.digest('hex') });
        },
      };
    }
    // anything else belongs to a backup made before uploads were included: PGlite's dump itself
    return null;
  });

  if (parts.manifest === undefined || parts.database === undefined) {
    if (seen.size > 0 || parts.manifest !== undefined) throw new Error('备份文件不完整：缺少数据库或清单');
    return { database: fs.readFileSync(file), manifest: null, problems };
  }
  const manifest = JSON.parse(parts.manifest) as Manifest;
  if (manifest.format !== 'cppcc-backup') throw new Error('不是本平台的备份文件');
  const expected = new Map<string, StoredPart>([
    [DATABASE_ENTRY, manifest.database],
    ...Object.entries(manifest.uploads).map(([key, part]) => [`${UPLOADS_PREFIX}${key}`, part] as const),
  ]);
  for (const [name, part] of expected) {
    const got = seen.get(name);
    if (!got) problems.push(`备份中缺少 ${name}`);
    else if (got.size !== part.size || got.sha256 !== part.sha256)
      problems.push(`${name} 已损坏（大小或校验和与备份清单不符）`);
  }
  for (const name of seen.keys()) if (!expected.has(name)) problems.push(`备份中有清单之外的文件：${name}`);
  return { database: parts.database, manifest, problems };
}
