import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, TrainingEnrolmentTable } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { hasRole, isStaff, scopesOf } from '../../domain/actor.js';
import { isUuid } from '../../server/http.js';

export const trainingAbilities = {
  /** trainees (home staff, directors, members) see the sessions they are enrolled in or open to them; organisers theirs */
  'training.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** the office and the district CPPCCs organise training */
  'training.manage': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  /** an enrolled trainee checks in with the session's code */
  'training.check_in': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** a trainee enrols themselves in a session open to them, and withdraws before it starts */
  'training.enrol_self': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
};

/** Who organises a session: the office any; a district CPPCC's staff their own. */
export const organises = (actor: Actor, training: { organiserUnitId: string }) =>
  hasRole(actor, 'office_admin') || scopesOf(actor, 'district_staff').includes(training.organiserUnitId);

/**
 * Whom a session is open to for self-enrolment: 'invited' — only those its organisers enrol;
 * 'members' — the members of its area; 'all' — the members, the home directors and the staff of
 * its area. The office's area is the whole city; a district CPPCC's is its banner or district.
 */
export const TRAINING_AUDIENCES = ['invited', 'members', 'all'] as const;
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number];

type TrainingsWithMine = ExpressionBuilder<Database & { mine: TrainingEnrolmentTable }, 'trainings' | 'mine'>;

/**
 * Whether the actor is in a session's audience, as SQL on `trainings`: a member in the area of
 * their member record's unit or of a home they belong to, a director in that of their home, the
 * staff of a district in their district's; everyone who trains in the office's.
 */
export function inAudience(actor: Actor) {
  return (eb: TrainingsWithMine) => {
    const unit = eb.ref('trainings.organiserUnitId');
    const memberAreas: Expression<SqlBool>[] = [];
    if (actor.memberId) {
      memberAreas.push(
        eb(unit, '=', 'office'),
        eb(
          unit,
          'in',
          eb.selectFrom('members').select('members.orgUnitId').where('members.id', '=', actor.memberId),
        ),
        eb(
          unit,
          'in',
          eb
            .selectFrom('homeMembers')
            .innerJoin('homes', 'homes.id', 'homeMembers.homeId')
            .select('homes.ownerUnitId')
            .where('homeMembers.memberId', '=', actor.memberId),
        ),
      );
    }
    const staffAreas: Expression<SqlBool>[] = [...memberAreas];
    if (isStaff(actor)) staffAreas.push(eb(unit, '=', 'office'));
    const districts = scopesOf(actor, 'district_staff');
    if (districts.length) staffAreas.push(eb(unit, 'in', districts));
    const homes = scopesOf(actor, 'home_director').filter(isUuid);
    if (homes.length) {
      staffAreas.push(
        eb(unit, 'in', eb.selectFrom('homes').select('homes.ownerUnitId').where('homes.id', 'in', homes)),
      );
    }
    return eb.or([
      eb.and([eb('trainings.audience', '=', 'members'), eb.or(memberAreas)]),
      eb.and([eb('trainings.audience', '=', 'all'), eb.or(staffAreas)]),
    ]);
  };
}

/**
 * What may be done to a session: its organisers record it as held or cancel it while planned,
 * enrol and record attendance until it is cancelled, add materials, and print the certificates of
 * those who attended once it has ended; a trainee enrols themselves in a session open to them
 * and withdraws before it starts, checks in while not yet attended until it ends (the server
 * checks the time window when they do), and prints their own certificate once it has ended.
 */
export const TRAINING_ACTIONS = [
  'hold',
  'cancel',
  'enrol',
  'mark_attendance',
  'add_material',
  'print_certificates',
  'enrol_self',
  'withdraw',
  'check_in',
  'print_certificate',
] as const;
export type TrainingAction = (typeof TRAINING_ACTIONS)[number];

/** What the rules below read of a session, as the actor sees it. */
export interface TrainingFacts {
  status: string;
  startsAt: Date;
  endsAt: Date;
  audience: string;
  capacity: number | null;
  enrolled: number;
  attended: number;
  /** the actor is in the session's audience */
  inAudience: boolean;
  /** the actor's own enrolment */
  mine: { attendedAt: Date | null; selfEnrolled: boolean } | null;
}

/** Why an action is not allowed now, in the words the trainee or the organiser reads (answered as 409). */
export interface Refusal {
  message: string;
}
const refuse = (message: string): Refusal => ({ message });

/** Why the actor may not enrol themselves in the session now, or null when they may. */
export function selfEnrolmentRefusal(training: TrainingFacts, now: Date): Refusal | null {
  if (training.mine) return refuse('您已报名该培训');
  if (training.status === 'cancelled') return refuse('培训已取消，不能报名');
  if (training.audience === 'invited') return refuse('该培训由组织单位指定学员，不接受自行报名');
  if (!training.inAudience) {
    return refuse(
      training.audience === 'members'
        ? '该培训只面向组织单位范围内的委员，您不在报名范围内'
        : '该培训只面向组织单位范围内的委员和工作人员，您不在报名范围内',
    );
  }
  if (training.status !== 'planned' || now >= training.startsAt) return refuse('培训已开始，报名已截止');
  if (training.capacity !== null && training.enrolled >= training.capacity) {
    return refuse(`培训名额已满（${training.capacity} 人）`);
  }
  return null;
}

/** Why the actor may not withdraw from the session now, or null when they may. */
export function withdrawalRefusal(training: TrainingFacts, now: Date): Refusal | null {
  if (!training.mine) return refuse('您未报名该培训');
  if (training.mine.attendedAt) return refuse('您已签到，不能取消报名');
  if (!training.mine.selfEnrolled) return refuse('此报名由组织单位安排，如需取消请联系组织单位');
  if (training.status !== 'planned' || now >= training.startsAt) return refuse('培训已开始，不能取消报名');
  return null;
}

/** Why a trainee's certificate may not be printed now, or null when it may. */
export function certificateRefusal(
  training: Pick<TrainingFacts, 'status' | 'endsAt'>,
  enrolment: { attendedAt: Date | null },
  now: Date,
): Refusal | null {
  if (training.status === 'cancelled') return refuse('培训已取消，不能出具培训证明');
  if (now < training.endsAt) return refuse('培训尚未结束，结束并登记出勤后才能打印证明');
  if (!enrolment.attendedAt) return refuse('该学员未登记出勤，不能出具培训证明');
  return null;
}

/** Why the organisers may not print the session's certificates now, or null when they may. */
export function certificatesRefusal(training: TrainingFacts, now: Date): Refusal | null {
  const refusal = certificateRefusal(training, { attendedAt: now }, now);
  if (refusal) return refusal;
  if (training.attended === 0) return refuse('尚无学员登记出勤，没有可打印的培训证明');
  return null;
}

export function trainingActions(organiser: boolean, training: TrainingFacts, now: Date): TrainingAction[] {
  const actions: TrainingAction[] = [];
  if (organiser) {
    if (training.status === 'planned') actions.push('hold', 'cancel');
    if (training.status !== 'cancelled') actions.push('enrol', 'mark_attendance');
    actions.push('add_material');
    if (!certificatesRefusal(training, now)) actions.push('print_certificates');
  }
  if (!selfEnrolmentRefusal(training, now)) actions.push('enrol_self');
  if (!withdrawalRefusal(training, now)) actions.push('withdraw');
  const mine = training.mine;
  if (mine && !mine.attendedAt && training.status !== 'cancelled' && now <= training.endsAt) {
    actions.push('check_in');
  }
  if (mine && !certificateRefusal(training, mine, now)) actions.push('print_certificate');
  return actions;
}

/**
 * The sessions an actor sees, as SQL: organisers', the office's for staff, those they are
 * enrolled in, and those open to them.
 */
export function trainingScope(actor: Actor) {
  return (eb: TrainingsWithMine) => {
    if (hasRole(actor, 'office_admin')) return eb.lit(true);
    const ors = [eb('mine.userId', 'is not', null), inAudience(actor)(eb)];
    const districts = scopesOf(actor, 'district_staff');
    if (districts.length) ors.push(eb('trainings.organiserUnitId', 'in', districts));
    if (hasRole(actor, 'district_staff', 'committee_staff', 'vice_chair')) {
      ors.push(eb('trainings.organiserUnitId', '=', 'office'));
    }
    return eb.or(ors);
  };
}

/** The unit a new session is organised by when the request names none: the office, or the actor's district. */
export const defaultOrganiser = (actor: Actor): string | undefined =>
  hasRole(actor, 'office_admin') ? 'office' : scopesOf(actor, 'district_staff')[0];
