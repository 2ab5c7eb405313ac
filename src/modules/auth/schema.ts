import { z } from 'zod';
import { USER_LANGUAGES } from '../../domain/mongolian.js';
import { ROLES } from '../../domain/roles.js';
import { ABILITY_NAMES } from '../../server/abilities.js';

export const roleGrant = z.object({ role: z.enum(ROLES), scopeId: z.string().nullable() });

export const sessionUser = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    memberId: z.string().nullable(),
    roles: z.array(roleGrant),
  })
  .meta({ id: 'User' });

export const sessionBody = z.object({
  user: sessionUser,
  csrfToken: z.string().nullable(),
  abilities: z.array(z.enum(ABILITY_NAMES)),
  /** the TOTP second factor: whether the user has one, and whether this installation requires it of them */
  secondFactor: z.object({ enabled: z.boolean(), required: z.boolean() }),
  /** an administrator reset the password, or it expired: the user must choose a new one first */
  passwordChangeRequired: z.boolean(),
  /** the language of the user's own pages: the members' phone pages speak Mongolian for mn */
  language: z.enum(USER_LANGUAGES),
  /** the address links and QR codes are made with: PUBLIC_URL, or the address the request came in on */
  publicUrl: z.string(),
});

export const languageBody = z.strictObject({
  language: z.enum(USER_LANGUAGES, { error: '语言只能是 zh（中文）或 mn（蒙古文）' }),
});

export const loginBody = z.strictObject({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256, '密码过长'),
  /** the authenticator app's 6-digit code, once the account has a second factor */
  otp: z.string({ error: '动态验证码必须是文字' }).trim().max(16, '动态验证码过长').optional(),
});

/** A code from the authenticator app. */
export const otpBody = z.strictObject({
  otp: z
    .string({ error: '请输入动态验证码' })
    .trim()
    .regex(/^\d{6}$/, '动态验证码为 6 位数字'),
});

export const secondFactorSetup = z.object({
  /** base32, for typing into the app by hand; shown only this once */
  secret: z.string(),
  otpauthUri: z.string(),
});

export const passwordBody = z.strictObject({
  currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码').max(256, '密码过长'),
  newPassword: z.string({ error: '请输入新密码' }).min(1, '请输入新密码').max(256, '密码过长'),
});

export const tokenBody = z.strictObject({
  name: z
    .string({ error: '请填写令牌名称' })
    .trim()
    .min(1, '请填写令牌名称')
    .max(100, '名称不能超过 100 个字'),
  expiresInDays: z
    .number({ error: '有效天数必须是数字' })
    .int('有效天数必须是整数')
    .min(1, '至少 1 天')
    .max(366, '最多 366 天')
    .default(90),
});

export const tokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
