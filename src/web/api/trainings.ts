import { useQuery } from '@tanstack/react-query';
import { apiUrl, call, client, upload } from './client';
import type { Attachment, Training, TrainingInput } from './types';

/** First key element of the trainings list (usePagedQuery) — invalidate after changes. */
export const TRAININGS_KEY = 'trainings';
/** First key element of one training: ['training', id]. */
export const TRAINING_KEY = 'training';

export const trainingPath = (id: string) => `/trainings/${encodeURIComponent(id)}`;
/** The page a trainee opens (or is sent to) to check in with a code. */
export const trainingCheckinPagePath = (code: string) => `/training-checkin/${encodeURIComponent(code)}`;
/** A trainee's certificate (培训证明) as a PDF: their own, or any attendee's for the organisers. */
export const certificatePdfPath = (id: string, userId: string) =>
  apiUrl(`${trainingPath(id)}/certificates/${encodeURIComponent(userId)}.pdf`);
/** Every attendee's certificate, one A4 page each, for the organisers. */
export const certificatesPdfPath = (id: string) => apiUrl(`${trainingPath(id)}/certificates.pdf`);

export function useTraining(id: string | undefined) {
  return useQuery({
    queryKey: [TRAINING_KEY, id],
    queryFn: ({ signal }) =>
      call(client.GET('/trainings/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export const createTraining = (input: TrainingInput) => call(client.POST('/trainings', { body: input }));

export const updateTraining = (id: string, input: Partial<TrainingInput> & { status?: Training['status'] }) =>
  call(client.PATCH('/trainings/{id}', { params: { path: { id } }, body: input }));

export const setEnrolments = (id: string, userIds: string[]) =>
  call(client.PUT('/trainings/{id}/enrolments', { params: { path: { id } }, body: { userIds } }));

export const markAttendance = (id: string, userId: string, attended: boolean) =>
  call(client.POST('/trainings/{id}/attendance', { params: { path: { id } }, body: { userId, attended } }));

export const checkInTraining = (code: string) =>
  call(client.POST('/training-checkin/{code}', { params: { path: { code: code.trim() } } }));

export const uploadTrainingMaterial = (id: string, file: Blob, onProgress: (percent: number) => void) =>
  upload<Attachment>(`${trainingPath(id)}/materials`, file, { onProgress });

/** 报名: the signed-in trainee enrols themselves in a session open to them. */
export const enrolSelf = (id: string) =>
  call(client.POST('/trainings/{id}/enrolments/me', { params: { path: { id } }, body: {} }));

/** 取消报名: the trainee withdraws their own enrolment before the session starts. */
export const withdrawSelf = (id: string) =>
  call(client.DELETE('/trainings/{id}/enrolments/me', { params: { path: { id } } }));

/** The signed-in user's sessions: `mine` those they are enrolled in, `open` those open to them not yet started. */
export function useMyTrainings(enrolment: 'mine' | 'open', pageSize = 20) {
  return useQuery({
    queryKey: [TRAININGS_KEY, 'me', enrolment, pageSize],
    queryFn: ({ signal }) =>
      call(client.GET('/trainings', { params: { query: { enrolment, pageSize } }, signal })),
  });
}
