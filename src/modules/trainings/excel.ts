import { ACTIVITY_STATUS_LABELS } from '../../domain/activities.js';
import type { ExportColumn } from '../../server/export.js';
import { beijingTimeRange } from '../activities/excel.js';
import type { listTrainings } from './service.js';

type TrainingItem = Awaited<ReturnType<typeof listTrainings>>['items'][number];

/** The training list's columns as the list page shows them (我的: the signed-in user's own enrolment). */
export const trainingColumns: ExportColumn<TrainingItem>[] = [
  { header: '培训名称', width: 30, value: (r) => r.title },
  { header: '组织单位', width: 16, value: (r) => r.organiserUnitName },
  { header: '时间', width: 24, value: (r) => beijingTimeRange(r.startsAt, r.endsAt) },
  { header: '地点', width: 20, value: (r) => r.place },
  { header: '状态', width: 8, value: (r) => ACTIVITY_STATUS_LABELS[r.status] },
  { header: '出席 / 报名', width: 10, value: (r) => `${r.attended} / ${r.enrolled}` },
  { header: '我的', width: 8, value: (r) => (r.mine ? (r.mine.attendedAt ? '已签到' : '已报名') : '') },
];
