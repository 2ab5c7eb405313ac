import { beijingClockDate } from '../../domain/calendar.js';
import { ROLE_LABELS, type Role } from '../../domain/roles.js';
import type { ExportColumn } from '../../server/export.js';
import { changesText } from './changes.js';
import { type AuditItem, objectShown } from './presenter.js';

/** The audit log's columns as its page shows them (from the same presenter), and the codes an auditor files by. */
export const auditColumns: ExportColumn<AuditItem>[] = [
  // to the second, as the page shows it: a date cell reading Beijing time
  { header: '时间', width: 20, value: (e) => beijingClockDate(e.at), numFmt: 'yyyy-mm-dd hh:mm:ss' },
  { header: '操作人', width: 14, value: (e) => e.actorLabel },
  { header: '角色', width: 20, value: (e) => e.roles.map((r) => ROLE_LABELS[r as Role] ?? r).join('、') },
  { header: 'IP', width: 16, value: (e) => e.ip },
  { header: '操作', width: 22, value: (e) => e.actionLabel },
  { header: '对象', width: 30, value: objectShown },
  { header: '对象类型', width: 12, value: (e) => e.objectTypeLabel },
  { header: '对象编号', width: 38, value: (e) => e.objectId },
  { header: '操作代码', width: 24, value: (e) => e.action },
  { header: '变更内容', width: 60, value: (e) => changesText(e.changes) },
];
