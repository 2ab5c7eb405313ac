import { trainingActions } from './policy.js';
import type { CertificateRow, enrolmentsOf, materialsOf, TrainingSummaryRow } from './repo.js';

type EnrolmentRow = Awaited<ReturnType<typeof enrolmentsOf>>[number];
type MaterialRow = Awaited<ReturnType<typeof materialsOf>>[number];

export const presentTrainingSummary = (r: TrainingSummaryRow) => ({
  id: r.id,
  title: r.title,
  organiserUnitId: r.organiserUnitId,
  organiserUnitName: r.organiserUnitName,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  place: r.place,
  status: r.status as 'planned' | 'held' | 'cancelled',
  enrolled: Number(r.enrolled ?? 0),
  attended: Number(r.attended ?? 0),
  mine: r.mineUserId ? { attendedAt: r.mineAttendedAt ? r.mineAttendedAt.toISOString() : null } : null,
});

/** A session in full: the organisers (`mayManage`) see its enrolments and its check-in code. */
export function presentTraining(
  row: TrainingSummaryRow,
  mayManage: boolean,
  enrolments: EnrolmentRow[],
  materials: MaterialRow[],
) {
  const summary = presentTrainingSummary(row);
  return {
    ...summary,
    description: row.description,
    checkinCode: mayManage ? row.checkinCode : null,
    enrolments: enrolments.map((e) => ({
      ...e,
      attendedAt: e.attendedAt ? e.attendedAt.toISOString() : null,
    })),
    materials: materials.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    allowedActions: trainingActions(mayManage, summary),
  };
}

/** A certificate of attendance, numbered stably for the pair of session and trainee. */
export function presentCertificate(row: CertificateRow & { attendedAt: Date }) {
  return {
    trainingId: row.trainingId,
    title: row.title,
    organiserUnitName: row.organiserUnitName,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    place: row.place,
    name: row.name,
    attendedAt: row.attendedAt.toISOString(),
    number: `PX${row.startsAt.toISOString().slice(0, 4)}-${row.trainingId.slice(0, 4).toUpperCase()}-${row.userId.slice(0, 6).toUpperCase()}`,
  };
}
