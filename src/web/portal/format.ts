import { ACTIVITY_KIND_LABELS } from '../../domain/activities';
import { HOME_KIND_LABELS } from '../../domain/home-workflow';
import {
  OPINION_STATUS_LABELS,
  PROBLEM_STATUS_LABELS,
  SATISFACTION_LABELS,
} from '../../domain/opinion-workflow';

// Labels of the codes the public API sends (from src/domain, shared with the server and the admin
// UI) and Beijing-time formatting. An unknown code is shown as sent.

const label = (labels: Record<string, string>, value: string) => labels[value] ?? value;

export const homeKindLabel = (kind: string) => label(HOME_KIND_LABELS, kind);
export const activityKindLabel = (kind: string) => label(ACTIVITY_KIND_LABELS, kind);
export const opinionStatusLabel = (status: string) => label(OPINION_STATUS_LABELS, status);
export const problemStatusLabel = (status: string) => label(PROBLEM_STATUS_LABELS, status);
export const satisfactionLabel = (value: number) => label(SATISFACTION_LABELS, String(value));

export { normaliseTrackingCode } from '../../domain/opinion-workflow';

const ZONE = 'Asia/Shanghai';
const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
});
const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, dateStyle: 'short' });

const valid = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** 2026年11月27日周五 */
export function formatDate(iso: string): string {
  const d = valid(iso);
  return d ? dateFormat.format(d) : iso;
}

/** 2026年11月27日周五 14:30 (Beijing time) */
export function formatDateTime(iso: string): string {
  const d = valid(iso);
  return d ? `${dateFormat.format(d)} ${timeFormat.format(d)}` : iso;
}

/** 2026年11月27日周五 09:00–12:00, or both ends in full when they fall on different days. */
export function formatRange(startIso: string, endIso: string): string {
  const start = valid(startIso);
  const end = valid(endIso);
  if (!start || !end) return `${startIso} – ${endIso}`;
  if (dayKey.format(start) === dayKey.format(end))
    return `${dateFormat.format(start)} ${timeFormat.format(start)}–${timeFormat.format(end)}`;
  return `${formatDateTime(startIso)} – ${formatDateTime(endIso)}`;
}

/** Only web addresses become links: a stored `javascript:` or other scheme is shown as text. */
export const isWebUrl = (url: string) => /^https?:\/\//i.test(url);
