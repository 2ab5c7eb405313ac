import { useQuery } from '@tanstack/react-query';
import { apiUrl, call, client, upload } from './client';
import type { ActivityInput, ActivityUpdate, Attachment, Body, DutyShiftInput, Query } from './types';

/** First key element of activity lists (list, calendar, a home's tab) — invalidate after changes. */
export const ACTIVITIES_KEY = 'activities';
/** First key element of one activity and its photos: ['activity', id, …]. */
export const ACTIVITY_KEY = 'activity';
/** First key element of duty shifts: ['duty-shifts', homeId, from, to]. */
export const DUTY_SHIFTS_KEY = 'duty-shifts';

/** The most the list answers in one page; the calendar asks for a whole month at once. */
export const CALENDAR_PAGE_SIZE = 200;

const activityPath = (id: string) => `/activities/${encodeURIComponent(id)}`;

export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: [ACTIVITY_KEY, id],
    queryFn: ({ signal }) =>
      call(client.GET('/activities/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export type ActivityRangeFilters = Pick<Query<'/activities'>, 'homeId' | 'status' | 'kind'>;

/** Activities starting in [from, to), by start time (the calendar; at most 200). */
export function useActivitiesInRange(
  from: Date,
  to: Date,
  filters: ActivityRangeFilters = {},
  enabled = true,
) {
  const params = {
    ...filters,
    from: from.toISOString(),
    to: to.toISOString(),
    pageSize: CALENDAR_PAGE_SIZE,
  };
  return useQuery({
    queryKey: [ACTIVITIES_KEY, 'range', params],
    queryFn: ({ signal }) => call(client.GET('/activities', { params: { query: params }, signal })),
    enabled,
  });
}

export const createActivity = (input: ActivityInput) => call(client.POST('/activities', { body: input }));

export const updateActivity = (id: string, input: ActivityUpdate) =>
  call(client.PATCH('/activities/{id}', { params: { path: { id } }, body: input }));

export function useActivityPhotos(id: string | undefined) {
  return useQuery({
    queryKey: [ACTIVITY_KEY, id, 'photos'],
    queryFn: ({ signal }) =>
      call(client.GET('/activities/{id}/photos', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

/** Uploads one image; the server keeps it as a JPEG of at most 1600 px. */
export const uploadActivityPhoto = (id: string, file: Blob, onProgress: (percent: number) => void) =>
  upload<Attachment>(`${activityPath(id)}/photos`, file, { onProgress });

/** The check-in QR code (SVG) of an activity. */
export const activityQrUrl = (id: string) => apiUrl(`${activityPath(id)}/qr.svg`);

// ---- 值班 ----

export function useDutyShifts(homeId: string, from: Date, to: Date) {
  const params = { from: from.toISOString(), to: to.toISOString() };
  return useQuery({
    queryKey: [DUTY_SHIFTS_KEY, homeId, params],
    queryFn: ({ signal }) =>
      call(
        client.GET('/homes/{id}/duty-shifts', { params: { path: { id: homeId }, query: params }, signal }),
      ),
  });
}

export const createDutyShift = (homeId: string, input: DutyShiftInput) =>
  call(client.POST('/homes/{id}/duty-shifts', { params: { path: { id: homeId } }, body: input }));

export const updateDutyShift = (id: string, input: Body<'/duty-shifts/{id}', 'patch'>) =>
  call(client.PATCH('/duty-shifts/{id}', { params: { path: { id } }, body: input }));
