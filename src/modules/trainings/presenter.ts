import { yearOf } from '../../domain/calendar.js';
import { type TrainingAudience, type TrainingFacts, trainingActions } from './policy.js';
import type { enrolmentsOf, materialsOf, TrainingSummaryRow } from './repo.js';

type EnrolmentRow = Awaited<ReturnType<typeof enrolmentsOf>>[number];
type MaterialRow = Awaited<ReturnType<typeof materialsOf>>[number];

/** What the policy's rules read of a session row, as the actor sees it. */
export const trainingFacts = (r: TrainingSummaryRow): TrainingFacts => ({
  status: r.status,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  audience: r.audience,
  capacity: r.capacity,
  enrolled: Number(r.enrolled ?? 0),
  attended: Number(r.attended ?? 0),
  inAudience: Boolean(r.inAudience),
  mine: r.mineUserId ? { attendedAt: r.mineAttendedAt, selfEnrolled: Boolean(r.mineSelfEnrolled) } : null,
});

/** A session in a list: `organiser` says whether the actor runs it, `now` when the actions are judged. */
export const presentTrainingSummary = (r: TrainingSummaryRow, organiser: boolean, now: Date) => {
  const facts = trainingFacts(r);
  return {
    id: r.id,
    title: r.title,
    organiserUnitId: r.organiserUnitId,
    organiserUnitName: r.organiserUnitName,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    place: r.place,
    status: r.status as 'planned' | 'held' | 'cancelled',
    audience: r.audience as TrainingAudience,
    capacity: r.capacity,
    enrolled: facts.enrolled,
    attended: facts.attended,
    mine: facts.mine
      ? {
          attendedAt: facts.mine.attendedAt ? facts.mine.attendedAt.toISOString() : null,
          selfEnrolled: facts.mine.selfEnrolled,
        }
      : null,
    allowedActions: trainingActions(organiser, facts, now),
  };
};

/** A session in full: the organisers (`mayManage`) see its enrolments and its check-in code. */
export function presentTraining(
  row: TrainingSummaryRow,
  mayManage: boolean,
  enrolments: EnrolmentRow[],
  materials: MaterialRow[],
  now: Date,
) {
  return {
    ...presentTrainingSummary(row, mayManage, now),
    description: row.description,
    checkinCode: mayManage ? row.checkinCode : null,
    enrolments: enrolments.map((e) => ({
      ...e,
      attendedAt: e.attendedAt ? e.attendedAt.toISOString() : null,
    })),
    materials: materials.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
  };
}

/** A certificate's number, stable for the pair of session and trainee: PX2026-1A2B-3C4D5E. */
export const certificateNumber = (training: { id: string; startsAt: Date }, userId: string) =>
  `PX${yearOf(training.startsAt)}-${training.id.slice(0, 4).toUpperCase()}-${userId.slice(0, 6).toUpperCase()}`;
