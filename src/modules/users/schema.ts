import { z } from 'zod';
import { PASSWORD_RULE, passwordProblem } from '../../domain/password.js';
import { ROLES } from '../../domain/roles.js';
import { text } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';

const password = z.string({ error: '请输入密码' }).refine((value) => passwordProblem(value) === null, {
  error: (issue) => passwordProblem(String(issue.input)) ?? PASSWORD_RULE,
});

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
  /** true: accounts whose roles wait for a security administrator */
  pendingRoles: z.enum(['true', 'false'], { error: '只能是 true 或 false' }).optional(),
});

export const setRolesBody = z.strictObject({
  roles: z.array(roleInput).max(20, '角色过多'),
});

const namedRole = z.object({
  role: z.enum(ROLES),
  scopeId: z.string().nullable(),
  scopeName: z.string().nullable(),
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
    roles: z.array(namedRole),
    /** roles a system administrator asked for, waiting for a security administrator (三权分立) */
    pendingRoles: z.array(namedRole).nullable(),
    pendingRolesAt: z.date().nullable(),
    /** what the caller may do to this account: edit (and disable), grant roles, lift sign-in limits */
    allowedActions: z.array(z.enum(['update', 'grant_roles', 'unlock'])),
    disabled: z.boolean(),
    /** sign-ins stopped from some address or slowed after failures; lifted by unlock */
    signInLimited: z.boolean(),
    /** signs in with a second factor (TOTP); a security administrator can reset it */
    secondFactor: z.boolean(),
    createdAt: z.date(),
    lastLoginAt: z.date().nullable(),
  })
  .meta({ id: 'AdminUser' });

export const grantedUser = adminUser
  .extend({
    /** set when the grant gave the account an administrator role: its new one-time password, shown once */
    initialPassword: z.string().optional(),
  })
  .meta({ id: 'GrantedUser' });

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
