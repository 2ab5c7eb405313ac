import { z } from 'zod';
import { optionalText, ref, text, yearField } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';
import { TRAINING_ACTIONS } from './policy.js';

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}应为带时区的时间` });

const fields = {
  title: text('培训名称', 100),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  place: optionalText('地点', 200),
  description: optionalText('培训内容', 5000),
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

export const trainingsQuery = pageQuery.extend({ year: yearField.optional() });

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
    enrolled: z.number().int(),
    attended: z.number().int(),
    /** the signed-in user's own enrolment */
    mine: z.object({ attendedAt: z.string().nullable() }).nullable(),
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
    /** what the actor may do now: hold, cancel, enrol, mark_attendance, add_material (organisers); check_in (the trainee) */
    allowedActions: z.array(z.enum(TRAINING_ACTIONS)),
  })
  .meta({ id: 'Training' });

export const enrolmentsBody = z.strictObject({ userIds: z.array(ref).max(500, '一次最多 500 人') });
export const attendanceBody = z.strictObject({
  userId: ref,
  attended: z.boolean({ error: '请选择是否出席' }),
});
export const checkinParams = z.object({ code: z.string().trim().max(20) });

export const certificate = z
  .object({
    trainingId: z.string(),
    title: z.string(),
    organiserUnitName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string().nullable(),
    name: z.string(),
    attendedAt: z.string(),
    /** stable for the pair of training and trainee */
    number: z.string(),
  })
  .meta({ id: 'TrainingCertificate' });

export const certificateParams = z.object({ id: z.string().max(100), userId: z.string().max(100) });
