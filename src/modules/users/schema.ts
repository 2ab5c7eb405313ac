import { z } from 'zod';
import { PASSWORD_RULE, passwordProblem } from '../../domain/password.js';
import { ROLES } from '../../domain/roles.js';
import { text } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';

const password = z
  .string({ error: '请输入密码' })
  .refine((value) => passwordProblem(value) === null, { error: PASSWORD_RULE });

const roleInput = z.strictObject({
  role: z.enum(ROLES, { error: '未知的角色' }),
  scopeId: z.string().trim().min(1).max(100).nullable().optional(),
});

export const createUserBody = z.strictObject({
  username: z
    .string({ error: '请输入用户名' })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字、下划线、点或连字符'),
  password,
  displayName: text('姓名', 50),
  memberId: z.string().trim().min(1).max(100).nullable().optional(),
  roles: z.array(roleInput).max(20, '角色过多').default([]),
});

export const updateUserBody = z.strictObject({
  displayName: text('姓名', 50).optional(),
  password: password.optional(),
  memberId: z.string().trim().min(1).max(100).nullable().optional(),
  roles: z.array(roleInput).max(20, '角色过多').optional(),
  disabled: z.boolean({ error: '必须是 true 或 false' }).optional(),
});

export const listUsersQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  role: z.enum(ROLES, { error: '未知的角色' }).optional(),
  disabled: z.enum(['true', 'false'], { error: '只能是 true 或 false' }).optional(),
});

export const adminUser = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    memberId: z.string().nullable(),
    /** The linked member's name. */
    memberName: z.string().nullable(),
    /** Each role with the name of its scope (an org unit or a home). */
    roles: z.array(
      z.object({ role: z.enum(ROLES), scopeId: z.string().nullable(), scopeName: z.string().nullable() }),
    ),
    disabled: z.boolean(),
    /** sign-ins stopped from some address or slowed after failures; lifted by unlock-sign-in */
    signInLimited: z.boolean(),
    createdAt: z.date(),
    lastLoginAt: z.date().nullable(),
  })
  .meta({ id: 'AdminUser' });

export const choicesQuery = pageQuery.extend({
  kind: z.enum(['home', 'member'], { error: 'kind 只能是 home 或 member' }),
  q: z.string().trim().max(50).optional(),
});
export type ChoicesQuery = z.infer<typeof choicesQuery>;

export const choice = z
  .object({ id: z.string(), name: z.string(), detail: z.string().nullable() })
  .meta({ id: 'UserChoice' });

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
export type ListUsersQuery = z.infer<typeof listUsersQuery>;
