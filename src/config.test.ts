import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has working defaults: port 3000 on 127.0.0.1, ./data, embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('data'),
      databaseUrl: null,
      adminPassword: null,
      securityAdminPassword: null,
      auditAdminPassword: null,
      seedDemo: null,
      logLevel: 'info',
      trustProxy: false,
      publicUrl: null,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/cppcc',
      DATABASE_URL: 'postgres://u@db/cppcc',
      ADMIN_PASSWORD: 'abc12345',
      SECURITY_ADMIN_PASSWORD: 'sec12345x',
      AUDIT_ADMIN_PASSWORD: 'aud12345x',
      SEED_DEMO: 'off',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'https://wyzj.example.gov.cn/',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/cppcc',
      databaseUrl: 'postgres://u@db/cppcc',
      adminPassword: 'abc12345',
      securityAdminPassword: 'sec12345x',
      auditAdminPassword: 'aud12345x',
      seedDemo: false,
      logLevel: 'warn',
      publicUrl: 'https://wyzj.example.gov.cn',
    });
  });

  it('takes a public address only as an http(s) address of its own', () => {
    for (const bad of ['wyzj.example.gov.cn', 'ftp://wyzj.example.gov.cn', 'https://x.cn/?a=1']) {
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
    }
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:3000' }).publicUrl).toBe('http://10.0.0.5:3000');
  });

  it('names every bad variable in one clear message', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const { problems } = err as ConfigError;
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'DATABASE_URL',
        'LOG_LEVEL',
        'PORT',
        'SEED_DEMO',
      ]);
      expect((err as Error).message).toMatch(/postgres:\/\//);
    }
  });
});
