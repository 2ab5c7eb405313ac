import { z } from 'zod';
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
  /** the address links and QR codes are made with: PUBLIC_URL, or the address the request came in on */
  publicUrl: z.string(),
});

export const loginBody = z.strictObject({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256, '密码过长'),
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
