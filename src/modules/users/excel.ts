import { beijingDateTime } from '../../domain/calendar.js';
import { ROLE_LABELS } from '../../domain/roles.js';
import type { ExportColumn } from '../../server/export.js';
import type { listUsers } from './service.js';

type UserItem = Awaited<ReturnType<typeof listUsers>>['items'][number];

/** The user list's columns as the page shows them (each role with its scope's name), and when the account was made. */
export const userColumns: ExportColumn<UserItem>[] = [
  { header: '用户名', width: 18, value: (u) => u.username },
  { header: '姓名', width: 14, value: (u) => u.displayName },
  { header: '关联委员', width: 12, value: (u) => u.memberName },
  {
    header: '角色',
    width: 40,
    value: (u) =>
      u.roles
        .map((r) => (r.scopeName ? `${ROLE_LABELS[r.role]} · ${r.scopeName}` : ROLE_LABELS[r.role]))
        .join('、'),
  },
  { header: '状态', width: 8, value: (u) => (u.disabled ? '已停用' : '正常') },
  {
    header: '最近登录',
    width: 17,
    value: (u) => (u.lastLoginAt ? beijingDateTime(u.lastLoginAt) : '从未登录'),
  },
  { header: '创建时间', width: 17, value: (u) => beijingDateTime(u.createdAt) },
];
