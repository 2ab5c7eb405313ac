/**
 * 个人信息保密性 (GB/T 22239-2019 §8.1.4.8, §8.1.4.9): personal data sealed before it reaches the
 * database, so neither the tables nor a backup of them hold a readable phone number or TOTP secret.
 *
 * A sealed value is `pd1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts): AES-256-GCM under
 * one key of the ring, with what the value is (`phone`, `totp`) as associated data, so a value
 * copied into another kind of column does not open. The first key of the ring seals; every key
 * opens, so the ring can be rotated (`npm run keys:rotate`) while old rows are still on the old key.
 *
 * Look-ups and uniqueness go through a keyed hash, `<key id>:<HMAC-SHA256>` of the normalised
 * number under a secret derived from the key (HKDF, never the encryption key itself): exact match
 * only. Written under the current key; looked up under every key of the ring.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What a sealed value is: the associated data that binds it to its kind of column. */
export type SealedKind = 'phone' | 'totp';

export interface PersonalDataKey {
  id: string;
  /** 32 bytes */
  key: Buffer;
}

const ENVELOPE = 'pd1';
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const b64 = (buffer: Buffer) => buffer.toString('base64url');

/** The envelope could not be opened: wrong or missing key, or a changed value. */
export class PersonalDataKeyError extends Error {}

/** Parses a key list `id:base64,id:base64` (the first is current), or says in Chinese what is wrong. */
export function parseKeyList(text: string): { keys: PersonalDataKey[] } | { problem: string } {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { problem: '至少要有一个密钥' };
  const keys: PersonalDataKey[] = [];
  for (const part of parts) {
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : '';
    if (!KEY_ID.test(id))
      return { problem: `「${part.slice(0, 12)}…」应为“密钥编号:Base64 密钥”，编号只含字母、数字、- 和 _` };
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (key.length !== 32)
      return { problem: `密钥 ${id} 应为 32 字节（Base64 编码后 44 个字符），实为 ${key.length} 字节` };
    if (keys.some((k) => k.id === id)) return { problem: `密钥编号 ${id} 重复` };
    keys.push({ id, key });
  }
  return { keys };
}

/** A key list as PERSONAL_DATA_KEYS and the key file write it. */
export const formatKeyList = (keys: PersonalDataKey[]) =>
  keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');

/** A new random key, its id from today's date and a random suffix. */
export function newKey(date = new Date()): PersonalDataKey {
  const day = date.toISOString().slice(0, 10).replaceAll('-', '');
  return { id: `k${day}-${randomBytes(3).toString('hex')}`, key: randomBytes(32) };
}

/**
 * A phone number as its hash sees it: full-width digits made plain, spaces, dashes and brackets
 * dropped, a leading +86 / 0086 taken away — so `139 0000 1111` and `13900001111` are one number.
 */
export function normalisePhone(phone: string): string {
  const plain = phone.normalize('NFKC').replace(/[\s\-()（）]/g, '');
  return plain.replace(/^(?:\+86|0086)(?=1\d{10}$)/, '');
}

/** A ring of keys: the first seals and hashes, all of them open and find. */
export class PersonalDataKeys {
  readonly keys: readonly PersonalDataKey[];
  private readonly hashKeys: Map<string, Buffer>;

  constructor(keys: PersonalDataKey[]) {
    if (keys.length === 0) throw new PersonalDataKeyError('个人信息密钥为空');
    this.keys = keys;
    this.hashKeys = new Map(
      keys.map((k) => [k.id, Buffer.from(hkdfSync('sha256', k.key, '', 'cmh personal-data lookup v1', 32))]),
    );
  }

  get current(): PersonalDataKey {
    return this.keys[0]!;
  }

  seal(kind: SealedKind, value: string): string {
    const { id, key } = this.current;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(kind));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return [ENVELOPE, id, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join(':');
  }

  open(kind: SealedKind, sealed: string): string {
    const [version, id, iv, tag, ciphertext, ...rest] = sealed.split(':');
    if (version !== ENVELOPE || !id || !iv || !tag || ciphertext === undefined || rest.length)
      throw new PersonalDataKeyError('数据库中的个人信息不是本系统的加密格式');
    const key = this.keys.find((k) => k.id === id);
    if (!key)
      throw new PersonalDataKeyError(
        `数据库中的个人信息由密钥 ${id} 加密，当前配置的密钥（${this.keys.map((k) => k.id).join('、')}）中没有它`,
      );
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(kind));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new PersonalDataKeyError(`密钥 ${id} 无法解开数据库中的个人信息：密钥不对，或数据已被改动`);
    }
  }

  /** The id of the key a sealed value or a hash was made with. */
  keyIdOf(sealedOrHash: string): string {
    const parts = sealedOrHash.split(':');
    return (parts[0] === ENVELOPE ? parts[1] : parts[0]) ?? '';
  }

  /** The hash a phone number is stored under (the current key). */
  phoneHash(phone: string): string {
    return this.hashWith(this.current.id, phone);
  }

  /** Every hash the number may be stored under: one per key of the ring, the current first. */
  phoneHashes(phone: string): string[] {
    return this.keys.map((k) => this.hashWith(k.id, phone));
  }

  private hashWith(id: string, phone: string): string {
    const mac = createHmac('sha256', this.hashKeys.get(id)!).update(normalisePhone(phone)).digest();
    return `${id}:${b64(mac)}`;
  }
}

let installed: PersonalDataKeys | null = null;

/** Sets the process's key ring: once at start (server, commands, tests), before the database is used. */
export function installPersonalDataKeys(keys: PersonalDataKeys | PersonalDataKey[]): PersonalDataKeys {
  installed = keys instanceof PersonalDataKeys ? keys : new PersonalDataKeys(keys);
  return installed;
}

/** The process's key ring; a clear error when the start did not load one. */
export function personalDataKeys(): PersonalDataKeys {
  if (!installed)
    throw new PersonalDataKeyError('个人信息密钥未加载：启动时须先读取 PERSONAL_DATA_KEYS 或密钥文件');
  return installed;
}

export const sealPhone = (phone: string | null | undefined): string | null =>
  phone ? personalDataKeys().seal('phone', phone) : null;
export const openPhone = (sealed: string | null): string | null =>
  sealed === null ? null : personalDataKeys().open('phone', sealed);
export const phoneHash = (phone: string | null | undefined): string | null =>
  phone ? personalDataKeys().phoneHash(phone) : null;
export const phoneHashes = (phone: string): string[] => personalDataKeys().phoneHashes(phone);
export const sealSecret = (secret: string): string => personalDataKeys().seal('totp', secret);
export const openSecret = (sealed: string | null): string | null =>
  sealed === null ? null : personalDataKeys().open('totp', sealed);

/** The key file of the embedded database, in the data folder, outside the backed-up database. */
export const KEY_FILE = 'personal-data.keys';

/**
 * The embedded database's keys, from DATA_DIR/personal-data.keys; on the first start a new key is
 * written there (mode 0600), so a trial install needs no set-up. The file is never in a backup.
 */
export function loadOrCreateKeyFile(dataDir: string): { keys: PersonalDataKey[]; created: boolean } {
  const file = path.join(dataDir, KEY_FILE);
  if (fs.existsSync(file)) return { keys: readKeyFile(file), created: false };
  fs.mkdirSync(dataDir, { recursive: true });
  const keys = [newKey()];
  writeKeyFile(file, keys, 'wx');
  return { keys, created: true };
}

export function readKeyFile(file: string): PersonalDataKey[] {
  const parsed = parseKeyList(fs.readFileSync(file, 'utf8'));
  if ('problem' in parsed) throw new PersonalDataKeyError(`密钥文件 ${file} 有误：${parsed.problem}`);
  return parsed.keys;
}

/** Writes the key file whole (a temporary file renamed over it), readable by its owner only. */
export function writeKeyFile(file: string, keys: PersonalDataKey[], flag: 'w' | 'wx' = 'w'): void {
  const text = `${formatKeyList(keys)}\n`;
  if (flag === 'wx') {
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    return;
  }
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/**
 * The keys a start uses: PERSONAL_DATA_KEYS when set; on the embedded database without it, the key
 * file (created on the first start). A server install without PERSONAL_DATA_KEYS is refused: its
 * instances must share the keys, and a key generated by one would be lost with its machine.
 */
export function startupKeys(config: {
  personalDataKeys: PersonalDataKey[] | null;
  databaseUrl: string | null;
  dataDir: string;
}): { keys: PersonalDataKey[]; source: 'env' | 'file' | 'new-file' } {
  if (config.personalDataKeys) return { keys: config.personalDataKeys, source: 'env' };
  if (config.databaseUrl)
    throw new PersonalDataKeyError(
      'PERSONAL_DATA_KEYS: 使用 DATABASE_URL 时必须设置（手机号和动态验证码加密存储的密钥）；用 npm run keys:new 生成一个，与数据库分开保管',
    );
  const { keys, created } = loadOrCreateKeyFile(config.dataDir);
  return { keys, source: created ? 'new-file' : 'file' };
}
