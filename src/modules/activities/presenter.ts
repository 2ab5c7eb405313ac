import {
  ACTIVITY_KIND_LABELS,
  type ActivityFunction,
  type ActivityKind,
  checkinOpen,
} from '../../domain/activities.js';
import type { Actor } from '../../server/types.js';
import type { Calendar } from './ics.js';
import { allowedActivityActions } from './policy.js';
import type { ActivityRow, calendarActivities, findByCode } from './repo/activities.js';

/** The API's Activity. */
export function presentActivity(actor: Actor, row: ActivityRow) {
  const { hosts, ...rest } = row;
  return {
    ...rest,
    kind: row.kind as ActivityKind,
    function: row.function as ActivityFunction,
    hostHomeIds: hosts.map((h) => h.id),
    hostHomes: hosts.map((h) => ({ id: h.id, name: h.name })),
    allowedActions: allowedActivityActions(actor, row),
  };
}

/** What the check-in page shows of an activity, and whether the member has checked in. */
export function presentCheckinInfo(
  found: NonNullable<Awaited<ReturnType<typeof findByCode>>>,
  checkedIn: boolean,
  now: Date,
) {
  return {
    activityId: found.id,
    title: found.title,
    startsAt: found.startsAt,
    endsAt: found.endsAt,
    place: found.place,
    homeNames: found.homeNames,
    /** 已取消 says why check-in is closed, apart from the hours */
    cancelled: found.status === 'cancelled',
    open: checkinOpen(found, now),
    checkedIn,
  };
}

/** A home's calendar: its activities as events. */
export function presentCalendar(
  home: { name: string },
  rows: Awaited<ReturnType<typeof calendarActivities>>,
): Calendar {
  return {
    name: home.name,
    events: rows.map((r) => ({
      uid: `${r.id}@cppcc-homes`,
      start: r.startsAt,
      end: r.endsAt,
      summary: r.title,
      location: r.place,
      description: ACTIVITY_KIND_LABELS[r.kind as ActivityKind] ?? null,
      stamp: r.updatedAt,
    })),
  };
}
