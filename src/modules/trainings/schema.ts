import { z } from 'zod';
import { optionalText, ref, text, yearField } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';
import { TRAINING_ACTIONS, TRAINING_AUDIENCES } from './policy.js';

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}应为带时区的时间` });

const fields = {
  title: text('培训名称', 100),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  place: optionalText('地点', 200),
  description: optionalText('培训内容', 5000),
  /** whom it is open to for self-enrolment (default: only those its organisers enrol) */
  audience: z.enum(TRAINING_AUDIENCES, { error: '报名范围不正确' }).optional(),
  /** 名额 for self-enrolment; null for no limit */
  capacity: z
    .number({ error: '名额应为整数' })
    .int('名额应为整数')
    .min(1, '名额至少 1 人')
    .max(10000, '名额不能超过 10000 人')
    .nullable()
    .optional(),
};

export const createTrainingBody = z.strictObject({
  ...fields,
  /** the organising unit: the office, or the actor's district CPPCC (the default for district staff) */
  organiserUnitId: ref.optional(),
});
export type CreateTrainingInput = z.infer<typeof createTrainingBody>;

export const updateTrainingBody = z
  .strictObject({ ...fields, status: z.enum(['planned', 'held', 'cancelled'], { error: '状态不正确' }) })
  .partial();
export type UpdateTrainingInput = z.infer<typeof updateTrainingBody>;

export const trainingsQuery = pageQuery.extend({
  year: yearField.optional(),
  /** mine: the sessions the actor is enrolled in; open: those open to them that have not started */
  enrolment: z.enum(['mine', 'open'], { error: '报名筛选应为 mine 或 open' }).optional(),
});

export const trainingSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    organiserUnitId: z.string(),
    organiserUnitName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string().nullable(),
    status: z.enum(['planned', 'held', 'cancelled']),
    audience: z.enum(TRAINING_AUDIENCES),
    capacity: z.number().int().nullable(),
    enrolled: z.number().int(),
    attended: z.number().int(),
    /** the signed-in user's own enrolment (selfEnrolled: made by themselves) */
    mine: z.object({ attendedAt: z.string().nullable(), selfEnrolled: z.boolean() }).nullable(),
    /**
     * what the actor may do now: hold, cancel, enrol, mark_attendance, add_material,
     * print_certificates (organisers); enrol_self, withdraw, check_in, print_certificate (the trainee)
     */
    allowedActions: z.array(z.enum(TRAINING_ACTIONS)),
  })
  .meta({ id: 'TrainingSummary' });

export const training = trainingSummary
  .extend({
    description: z.string().nullable(),
    /** for the organisers: the code trainees type or scan to check in */
    checkinCode: z.string().nullable(),
    enrolments: z.array(
      z.object({
        userId: z.string(),
        displayName: z.string(),
        memberId: z.string().nullable(),
        memberName: z.string().nullable(),
        attendedAt: z.string().nullable(),
        source: z.enum(['checkin', 'manual']).nullable(),
        /** the trainee enrolled themselves */
        selfEnrolled: z.boolean(),
      }),
    ),
    materials: z.array(
      z.object({
        id: z.string(),
        filename: z.string(),
        contentType: z.string(),
        size: z.number().int(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'Training' });

export const enrolmentsBody = z.strictObject({ userIds: z.array(ref).max(500, '一次最多 500 人') });
export const attendanceBody = z.strictObject({
  userId: ref,
  attended: z.boolean({ error: '请选择是否出席' }),
});
/** 本人报名 names nobody: the enrolment is the signed-in user's own. */
export const enrolSelfBody = z.strictObject({}).nullish();
export const checkinParams = z.object({ code: z.string().trim().max(20) });

export const certificateParams = z.object({ id: z.string().max(100), userId: z.string().max(100) });
