import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import {
  formatKeyList,
  KEY_FILE,
  loadOrCreateKeyFile,
  newKey,
  normalisePhone,
  PersonalDataKeyError,
  PersonalDataKeys,
  parseKeyList,
  startupKeys,
} from './personal-data.js';

describe('sealing personal data', () => {
  const ring = new PersonalDataKeys([newKey()]);

  it('opens what it sealed, and seals the same number differently each time', () => {
    const a = ring.seal('phone', '13900001111');
    expect(a).toMatch(/^pd1:k\d{8}-[0-9a-f]{6}:/);
    expect(a).not.toContain('13900001111');
    expect(ring.seal('phone', '13900001111')).not.toBe(a);
    expect(ring.open('phone', a)).toBe('13900001111');
  });

  it('refuses a value changed in the database, or copied into another kind of column', () => {
    const sealed = ring.seal('phone', '13900001111');
    const parts = sealed.split(':');
    parts[4] = Buffer.from('13900002222').toString('base64url');
    expect(() => ring.open('phone', parts.join(':'))).toThrow(PersonalDataKeyError);
    expect(() => ring.open('totp', sealed)).toThrow(PersonalDataKeyError);
    expect(() => ring.open('phone', '13900001111')).toThrow(/不是本系统的加密格式/);
  });

  it('names the key it lacks', () => {
    const other = new PersonalDataKeys([newKey()]);
    const sealed = other.seal('phone', '13900001111');
    expect(() => ring.open('phone', sealed)).toThrow(new RegExp(other.current.id));
  });

  it('opens under every key of a rotated ring, and seals under the first', () => {
    const fresh = newKey();
    const rotated = new PersonalDataKeys([fresh, ...ring.keys]);
    const old = ring.seal('totp', 'SECRET');
    expect(rotated.open('totp', old)).toBe('SECRET');
    expect(rotated.keyIdOf(rotated.seal('totp', 'SECRET'))).toBe(fresh.id);
    expect(rotated.phoneHashes('13900001111')).toEqual([
      rotated.phoneHash('13900001111'),
      ring.phoneHash('13900001111'),
    ]);
  });

  it('hashes one number one way however it is written, and two numbers apart', () => {
    expect(normalisePhone('+86 139-0000 1111')).toBe('13900001111');
    expect(normalisePhone('１３９００００１１１１')).toBe('13900001111');
    expect(ring.phoneHash('139 0000 1111')).toBe(ring.phoneHash('13900001111'));
    expect(ring.phoneHash('13900001112')).not.toBe(ring.phoneHash('13900001111'));
  });
});

describe('the key list and the key file', () => {
  it('reads PERSONAL_DATA_KEYS, and says in Chinese what is wrong with a bad one', () => {
    const keys = [newKey(), newKey()];
    expect(loadConfig({ PERSONAL_DATA_KEYS: formatKeyList(keys) }).personalDataKeys).toEqual(keys);
    expect(parseKeyList('')).toEqual({ problem: '至少要有一个密钥' });
    expect(parseKeyList('k1:c2hvcnQ=')).toEqual({ problem: expect.stringMatching(/应为 32 字节/) });
    const one = formatKeyList([keys[0]!]);
    expect(parseKeyList(`${one},${one}`)).toEqual({ problem: expect.stringMatching(/重复/) });
    expect(() => loadConfig({ PERSONAL_DATA_KEYS: 'nonsense' })).toThrow(/PERSONAL_DATA_KEYS/);
  });

  it('writes a key file readable by its owner only on the first start, and reads it after', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-keys-'));
    try {
      const first = loadOrCreateKeyFile(dir);
      expect(first.created).toBe(true);
      expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(loadOrCreateKeyFile(dir)).toEqual({ keys: first.keys, created: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a server database without PERSONAL_DATA_KEYS', () => {
    expect(() =>
      startupKeys({ personalDataKeys: null, databaseUrl: 'postgres://db/x', dataDir: '/nonexistent' }),
    ).toThrow(/PERSONAL_DATA_KEYS/);
  });
});
