import { beijingDateTime } from '../../domain/calendar.js';
import {
  OPINION_CHANNEL_LABELS,
  OPINION_FLAG_LABELS,
  OPINION_STATUS_LABELS,
  PROBLEM_STATUS_LABELS,
  SATISFACTION_LABELS,
} from '../../domain/opinion-workflow.js';
import type { ExportColumn } from '../../server/export.js';
import type { listProblems } from './problems.js';
import type { listOpinions } from './service.js';

type OpinionItem = Awaited<ReturnType<typeof listOpinions>>['items'][number];
type ProblemItem = Awaited<ReturnType<typeof listProblems>>['items'][number];

const satisfactionOf = (value: number | null) =>
  value === 1 || value === 2 || value === 3 ? SATISFACTION_LABELS[value] : null;

/**
 * The opinion list's columns as the list page shows them, and a few a clerk files by. The list
 * carries no citizen's name or phone, so neither does its file.
 */
export const opinionColumns: ExportColumn<OpinionItem>[] = [
  { header: '查询码', width: 16, value: (o) => o.trackingCode },
  { header: '标题', width: 36, value: (o) => o.title },
  { header: '反映至', width: 24, value: (o) => o.homeName ?? o.regionName },
  { header: '状态', width: 12, value: (o) => OPINION_STATUS_LABELS[o.status] },
  { header: '收到时间', width: 18, value: (o) => beijingDateTime(o.receivedAt) },
  { header: '承办委员', width: 12, value: (o) => o.assignedMemberName },
  { header: '超期提醒', width: 16, value: (o) => o.flags.map((f) => OPINION_FLAG_LABELS[f]).join('、') },
  { header: '来源方式', width: 10, value: (o) => OPINION_CHANNEL_LABELS[o.channel] },
  { header: '反映人数', width: 10, value: (o) => o.submissionCount },
];

/**
 * The 解难纾困 list's columns as the list page shows them, and a few a clerk files by. The
 * requester's name and phone are as the list gives them: masked for those who do not handle it.
 */
export const problemColumns: ExportColumn<ProblemItem>[] = [
  { header: '查询码', width: 16, value: (p) => p.trackingCode },
  { header: '问题', width: 36, value: (p) => p.title },
  { header: '所属', width: 24, value: (p) => p.homeName ?? p.regionName },
  { header: '状态', width: 10, value: (p) => PROBLEM_STATUS_LABELS[p.status] },
  {
    header: '承办',
    width: 24,
    value: (p) => [p.handlerMemberName, p.handlerDepartment].filter((part) => part?.trim()).join(' · '),
  },
  { header: '满意度', width: 10, value: (p) => satisfactionOf(p.satisfaction) },
  { header: '登记时间', width: 18, value: (p) => beijingDateTime(p.createdAt) },
  { header: '求助人', width: 10, value: (p) => p.requesterName },
  { header: '联系电话', width: 14, value: (p) => p.requesterPhone },
  { header: '来源意见', width: 30, value: (p) => p.opinionTitle },
  { header: '办理结果', width: 40, value: (p) => p.result },
  { header: '办结时间', width: 18, value: (p) => (p.resolvedAt ? beijingDateTime(p.resolvedAt) : null) },
];
