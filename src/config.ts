import path from 'node:path';
import { z } from 'zod';
import { type PersonalDataKey, parseKeyList } from './lib/personal-data.js';

/** Runtime configuration, read once from the environment and validated at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /**
   * the role that owns the tables: migrations run with it, and it grants DATABASE_URL's role only
   * what serving needs (SELECT and INSERT on the audit trail); null: DATABASE_URL's role owns them
   */
  databaseOwnerUrl: string | null;
  adminPassword: string | null;
  /** first start: the passwords of `secadmin` and `auditadmin` (三权分立); null: generated */
  securityAdminPassword: string | null;
  auditAdminPassword: string | null;
  seedDemo: boolean | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  uploadDir: string;
  /** below this many MB free in the data or upload folder, `/api/health` answers 503 degraded */
  minFreeDiskMb: number;
  /**
   * behind a reverse proxy: which hops of X-Forwarded-For to believe — false (none), a hop count
   * (the client is the address that many proxies back), or the proxies' own addresses
   */
  trustProxy: TrustProxy;
  /** the address printed in QR codes, check-in links, calendar feeds and notices (no trailing slash) */
  publicUrl: string | null;
  /** privileged accounts must enrol a second factor (TOTP) before anything else; default on with DATABASE_URL */
  requireSecondFactor: boolean;
  /** SERVER_TIMING: answers carry a Server-Timing header (server and database time) */
  serverTiming: boolean;
  /** days a password lasts before its owner must choose a new one; 0: no limit */
  passwordMaxAgeDays: number;
  /**
   * PERSONAL_DATA_KEYS: the keys phone numbers and TOTP secrets are sealed with, the current first;
   * null on the embedded database: DATA_DIR/personal-data.keys (written on the first start)
   */
  personalDataKeys: PersonalDataKey[] | null;
}

const boolText = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: '只能是 true/false、1/0、yes/no 或 on/off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** false: no proxy; a number: that many proxy hops; addresses, CIDRs or named ranges: those proxies only. */
export type TrustProxy = false | number | string[];

/** What TRUST_PROXY=true trusts: a proxy on this host or on the private network. */
export const PRIVATE_PROXIES = ['loopback', 'linklocal', 'uniquelocal'];

const PROXY_ADDRESS =
  /^(?:loopback|linklocal|uniquelocal|\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|[0-9a-f:]*:[0-9a-f:.]*(?:\/\d{1,3})?)$/i;

/**
 * TRUST_PROXY: true/yes/on believes X-Forwarded-For from a proxy on this host or the private
 * network; a comma-separated list believes it from those addresses; a number believes that many
 * hops whoever sent them (only for an app no one reaches but through its proxies). The leftmost,
 * client-written entries are never believed past an address that is not trusted.
 */
const trustProxyText = z.string().transform((raw, ctx): TrustProxy => {
  const value = raw.trim().toLowerCase();
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  if (['true', 'yes', 'on'].includes(value)) return PRIVATE_PROXIES;
  if (/^\d+$/.test(value) && Number(value) <= 10) return Number(value);
  const addresses = value.split(',').map((part) => part.trim());
  if (addresses.every((part) => PROXY_ADDRESS.test(part))) return addresses;
  ctx.addIssue({
    code: 'custom',
    message:
      '应为 false、true（信任本机和内网的代理）、代理地址列表（如 10.0.0.1,10.0.0.0/8）或代理层数（1–10）',
  });
  return z.NEVER;
});

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: '必须是数字' })
    .int('必须是整数')
    .min(1, '必须在 1 到 65535 之间')
    .max(65535, '必须在 1 到 65535 之间')
    .default(3000),
  HOST: z.string().min(1, '不能为空').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, '不能为空').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '必须是 postgres:// 或 postgresql:// 开头的连接串')
    .optional(),
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '必须是 postgres:// 或 postgresql:// 开头的连接串')
    .optional(),
  ADMIN_PASSWORD: z.string().optional(),
  SECURITY_ADMIN_PASSWORD: z.string().optional(),
  AUDIT_ADMIN_PASSWORD: z.string().optional(),
  SEED_DEMO: boolText.optional(),
  MIN_FREE_DISK_MB: z.coerce
    .number({ error: '必须是数字' })
    .int('必须是整数')
    .min(0, '不能为负数')
    .default(200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: trustProxyText.optional(),
  REQUIRE_SECOND_FACTOR: boolText.optional(),
  SERVER_TIMING: boolText.optional(),
  PASSWORD_MAX_AGE_DAYS: z.coerce
    .number({ error: '必须是数字' })
    .int('必须是整数')
    .min(0, '不能小于 0（0 表示不限）')
    .max(3650, '不能超过 3650 天')
    .default(90),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: '必须是 http:// 或 https:// 开头的网址，如 https://wyzj.example.gov.cn',
    })
    .refine((v) => !/[?#]/.test(v), '不能带查询参数或 # 片段')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  PERSONAL_DATA_KEYS: z
    .string()
    .transform((raw, ctx) => {
      const parsed = parseKeyList(raw);
      if ('keys' in parsed) return parsed.keys;
      ctx.addIssue({
        code: 'custom',
        message: `${parsed.problem}（格式：编号:Base64 密钥,…，第一个为当前密钥）`,
      });
      return z.NEVER;
    })
    .optional(),
});

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.DATABASE_OWNER_URL && !e.DATABASE_URL) {
    throw new ConfigError(['DATABASE_OWNER_URL: 只能与 DATABASE_URL 一起设置（嵌入式数据库只有一个角色）']);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    databaseOwnerUrl: e.DATABASE_OWNER_URL ?? null,
    adminPassword: e.ADMIN_PASSWORD ?? null,
    securityAdminPassword: e.SECURITY_ADMIN_PASSWORD ?? null,
    auditAdminPassword: e.AUDIT_ADMIN_PASSWORD ?? null,
    seedDemo: e.SEED_DEMO ?? null,
    logLevel: e.LOG_LEVEL,
    uploadDir: path.join(dataDir, 'uploads'),
    minFreeDiskMb: e.MIN_FREE_DISK_MB,
    trustProxy: e.TRUST_PROXY ?? false,
    publicUrl: e.PUBLIC_URL ?? null,
    requireSecondFactor: e.REQUIRE_SECOND_FACTOR ?? e.DATABASE_URL !== undefined,
    passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
    serverTiming: e.SERVER_TIMING ?? false,
    personalDataKeys: e.PERSONAL_DATA_KEYS ?? null,
  };
}
