import { useQuery } from '@tanstack/react-query';
import { api, upload } from './client';
import type { Attachment, Training, TrainingCertificate, TrainingInput } from './types';

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
    queryFn: ({ signal }) => api.get<Training>(trainingPath(id ?? ''), undefined, { signal }),
    enabled: Boolean(id),
  });
}

export const createTraining = (input: TrainingInput) => api.post<Training>('/trainings', input);

export const updateTraining = (id: string, input: Partial<TrainingInput> & { status?: Training['status'] }) =>
  api.patch<Training>(trainingPath(id), input);

export const setEnrolments = (id: string, userIds: string[]) =>
  api.put<Training>(`${trainingPath(id)}/enrolments`, { userIds });

export const markAttendance = (id: string, userId: string, attended: boolean) =>
  api.post<Training>(`${trainingPath(id)}/attendance`, { userId, attended });

export const checkInTraining = (code: string) =>
  api.post<Training>(`/training-checkin/${encodeURIComponent(code.trim())}`);

export const uploadTrainingMaterial = (id: string, file: Blob, onProgress: (percent: number) => void) =>
  upload<Attachment>(`${trainingPath(id)}/materials`, file, { onProgress });

export function useCertificate(id: string | undefined, userId: string | undefined) {
  return useQuery({
    queryKey: [TRAINING_KEY, id, 'certificate', userId],
    queryFn: ({ signal }) =>
      api.get<TrainingCertificate>(certificatePagePath(id ?? '', userId ?? ''), undefined, { signal }),
    enabled: Boolean(id && userId),
  });
}
