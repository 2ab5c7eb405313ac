import { z } from 'zod';
import {
  ACTIVITY_FUNCTIONS,
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ATTENDANCE_SOURCES,
} from '../../domain/activities.js';
import { optionalText, ref, text } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';
import { ACTIVITY_ACTIONS } from './policy.js';

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}应为带时区的 ISO-8601 时间，如 2026-05-01T09:00:00+08:00` });

const kind = z.enum(ACTIVITY_KINDS, { error: '活动类型不正确' });

const activityFields = {
  title: text('活动名称', 100),
  kind,
  hostHomeIds: z
    .array(ref, { error: '请选择承办的委员之家' })
    .min(1, '至少选择一个承办的委员之家')
    .max(10, '承办的委员之家最多 10 个'),
  jointUnitIds: z.array(ref).max(20, '联合单位最多 20 个').optional(),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  place: optionalText('地点', 200),
  planItemId: ref.nullable().optional(),
  summary: optionalText('活动情况', 20000),
};

/** What an activity records once it is held (API.md's Activity shape). */
const recordFields = {
  status: z.enum(ACTIVITY_STATUSES, { error: '状态只能是 planned、held 或 cancelled' }),
  attendeeMemberIds: z.array(ref).max(1000, '出勤委员最多 1000 人'),
  citizenCount: z
    .number({ error: '群众人数必须是数字' })
    .int('群众人数必须是整数')
    .min(0, '群众人数不能为负数')
    .max(1_000_000, '群众人数过大'),
  departments: z.array(text('参与部门', 50)).max(30, '参与部门最多 30 个'),
  outcomes: optionalText('活动成效', 20000),
};

/** A clerk may record last month's activity as held, with attendance, in one step. */
export const createActivityBody = z.strictObject({
  ...activityFields,
  ...z.object(recordFields).partial().shape,
});
export type CreateActivityInput = z.infer<typeof createActivityBody>;

export const updateActivityBody = z.strictObject({ ...activityFields, ...recordFields }).partial();
export type UpdateActivityInput = z.infer<typeof updateActivityBody>;

export const listActivitiesQuery = pageQuery.extend({
  homeId: ref.optional(),
  from: instant('起始时间').optional(),
  to: instant('截止时间').optional(),
  status: z.enum(ACTIVITY_STATUSES, { error: '状态不正确' }).optional(),
  kind: kind.optional(),
  q: z.string().trim().max(50).optional(),
});
export type ListActivitiesQuery = z.infer<typeof listActivitiesQuery>;

export const activity = z
  .object({
    id: z.string(),
    title: z.string(),
    kind,
    function: z.enum(ACTIVITY_FUNCTIONS),
    hostHomeIds: z.array(z.string()),
    hostHomes: z.array(z.object({ id: z.string(), name: z.string() })),
    jointUnitIds: z.array(z.string()),
    startsAt: z.date(),
    endsAt: z.date(),
    place: z.string().nullable(),
    status: z.enum(ACTIVITY_STATUSES),
    attendeeMemberIds: z.array(z.string()),
    /** the same members, each with how the attendance was recorded (扫码签到, 组织者登记, 值班登记) */
    attendance: z.array(z.object({ memberId: z.string(), source: z.enum(ATTENDANCE_SOURCES) })),
    citizenCount: z.number().int(),
    departments: z.array(z.string()),
    summary: z.string().nullable(),
    outcomes: z.string().nullable(),
    planItemId: z.string().nullable(),
    checkinCode: z.string(),
    /** what the caller may do with it now (see ACTIVITY_ACTIONS in policy.ts) */
    allowedActions: z.array(z.enum(ACTIVITY_ACTIONS)),
  })
  .meta({ id: 'Activity' });

export const photo = z
  .object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int() })
  .meta({ id: 'ActivityPhoto' });

export const codeParams = z.object({ code: z.string().trim().max(20) });

export const checkinInfo = z
  .object({
    activityId: z.string(),
    title: z.string(),
    startsAt: z.date(),
    endsAt: z.date(),
    place: z.string().nullable(),
    homeNames: z.array(z.string()),
    cancelled: z.boolean(),
    open: z.boolean(),
    checkedIn: z.boolean(),
  })
  .meta({ id: 'CheckinInfo' });

/** A check-in; `at` when it was made on a phone without a signal and is sent later (R34). */
export const checkinInput = z
  .strictObject({ at: instant('签到时间').optional() })
  .meta({ id: 'CheckinSubmission' });
export type CheckinInput = z.infer<typeof checkinInput>;

export const checkinResult = z
  .object({ activityId: z.string(), memberId: z.string(), at: z.date() })
  .meta({ id: 'Checkin' });

// Duty rota

export const DUTY_STATUSES = ['scheduled', 'served', 'missed', 'cancelled'] as const;

export const dutyShift = z
  .object({
    id: z.string(),
    homeId: z.string(),
    homeName: z.string(),
    memberId: z.string(),
    memberName: z.string(),
    startsAt: z.date(),
    endsAt: z.date(),
    status: z.enum(DUTY_STATUSES),
    activityId: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'DutyShift' });

export const dutyShiftsQuery = z.object({
  from: instant('起始时间').optional(),
  to: instant('截止时间').optional(),
});

export const createDutyShiftBody = z.strictObject({
  memberId: z.string({ error: '请选择值班委员' }).min(1, '请选择值班委员').max(100),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  note: optionalText('备注', 500),
});
export type CreateDutyShiftInput = z.infer<typeof createDutyShiftBody>;

export const updateDutyShiftBody = z.strictObject({
  status: z
    .enum(['served', 'missed', 'cancelled'], { error: '状态只能是 served、missed 或 cancelled' })
    .optional(),
  note: optionalText('备注', 500),
});
export type UpdateDutyShiftInput = z.infer<typeof updateDutyShiftBody>;
