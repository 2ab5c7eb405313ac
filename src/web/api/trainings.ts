import { useQuery } from '@tanstack/react-query';
import { call, client, upload } from './client';
import type { Attachment, Training, TrainingInput } from './types';

/** First key element of the trainings list (usePagedQuery) — invalidate after changes. */
export const TRAININGS_KEY = 'trainings';
/** First key element of one training and its certificates: ['training', id, …]. */
export const TRAINING_KEY = 'training';

export const trainingPath = (id: string) => `/trainings/${encodeURIComponent(id)}`;
/** The page a trainee opens (or is sent to) to check in with a code. */
export const trainingCheckinPagePath = (code: string) => `/training-checkin/${encodeURIComponent(code)}`;
export const certificatePagePath = (id: string, userId: string) =>
  `${trainingPath(id)}/certificate/${encodeURIComponent(userId)}`;

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

export function useCertificate(id: string | undefined, userId: string | undefined) {
  return useQuery({
    queryKey: [TRAINING_KEY, id, 'certificate', userId],
    queryFn: ({ signal }) =>
      call(
        client.GET('/trainings/{id}/certificate/{userId}', {
          params: { path: { id: id ?? '', userId: userId ?? '' } },
          signal,
        }),
      ),
    enabled: Boolean(id && userId),
  });
}
