import {
  ACTIVITY_FUNCTION_LABELS,
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
} from '../../domain/activities.js';
import { beijingDateTime } from '../../domain/calendar.js';
import type { ExportColumn } from '../../server/export.js';
import type { ReferenceNames } from '../regions/service.js';
import type { listActivities } from './service.js';

type ActivityItem = Awaited<ReturnType<typeof listActivities>>['items'][number];

/** "2026-05-01 09:00–11:30" in Beijing time, or both dates when it spans days (as the lists show it). */
export function beijingTimeRange(startsAt: Date | string, endsAt: Date | string): string {
  const start = beijingDateTime(startsAt);
  const end = beijingDateTime(endsAt);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} – ${end}`;
}

/** The activity list's columns as the list page shows them, and a few a clerk files by. */
export const activityColumns = (names: ReferenceNames): ExportColumn<ActivityItem>[] => [
  { header: '活动名称', width: 30, value: (a) => a.title },
  { header: '时间', width: 24, value: (a) => beijingTimeRange(a.startsAt, a.endsAt) },
  { header: '活动类型', width: 16, value: (a) => ACTIVITY_KIND_LABELS[a.kind] },
  { header: '主办委员之家', width: 30, value: (a) => a.hostHomes.map((h) => h.name).join('、') },
  { header: '地点', width: 20, value: (a) => a.place },
  { header: '状态', width: 8, value: (a) => ACTIVITY_STATUS_LABELS[a.status] },
  { header: '所属功能', width: 10, value: (a) => ACTIVITY_FUNCTION_LABELS[a.function] },
  { header: '联合举办单位', width: 24, value: (a) => a.jointUnitIds.map(names.unit).join('、') },
  { header: '出勤委员（人）', width: 10, value: (a) => a.attendeeMemberIds.length },
  { header: '参与群众人数', width: 10, value: (a) => a.citizenCount },
  { header: '参与部门', width: 24, value: (a) => a.departments.join('、') },
];
