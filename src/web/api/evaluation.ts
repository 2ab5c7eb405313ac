import { useQuery } from '@tanstack/react-query';
import type { RoundAction } from '../../domain/evaluation';
import { api } from './client';
import type {
  CreateRoundInput,
  EvaluationRound,
  EvaluationRoundSummary,
  Page,
  Publication,
  ReviewerCandidate,
  RoundHomeDetail,
  ScoresInput,
} from './types';

/** First key element of the rounds list: ['evaluation-rounds', year]. */
export const ROUNDS_KEY = 'evaluation-rounds';
/** First key element of one round and what hangs off it: ['evaluation-round', id, …]. */
export const ROUND_KEY = 'evaluation-round';

const roundPath = (id: string) => `/evaluation-rounds/${encodeURIComponent(id)}`;
const roundHomePath = (id: string, homeId: string) => `${roundPath(id)}/homes/${encodeURIComponent(homeId)}`;

export function useRounds(year: number) {
  return useQuery({
    queryKey: [ROUNDS_KEY, year],
    // a year has at most one municipal round and one per district: one page holds them all
    queryFn: ({ signal }) =>
      api.get<Page<EvaluationRoundSummary>>('/evaluation-rounds', { year, pageSize: 200 }, { signal }),
    select: (page) => page.items,
  });
}

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: [ROUND_KEY, id],
    queryFn: ({ signal }) => api.get<EvaluationRound>(roundPath(id ?? ''), undefined, { signal }),
    enabled: Boolean(id),
  });
}

export function useRoundHome(id: string, homeId: string | null) {
  return useQuery({
    queryKey: [ROUND_KEY, id, 'home', homeId],
    queryFn: ({ signal }) => api.get<RoundHomeDetail>(roundHomePath(id, homeId ?? ''), undefined, { signal }),
    enabled: Boolean(homeId),
  });
}

/** The published results: the latest revision unless one is named. */
export function usePublication(id: string, revision: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [ROUND_KEY, id, 'publication', revision ?? 'latest'],
    queryFn: ({ signal }) => api.get<Publication>(`${roundPath(id)}/publication`, { revision }, { signal }),
    enabled,
  });
}

/** Who the round's owner may choose as reviewers (only for those who run the round). */
export function useReviewerCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [ROUND_KEY, id, 'reviewer-candidates'],
    queryFn: ({ signal }) =>
      api.get<ReviewerCandidate[]>(`${roundPath(id)}/reviewer-candidates`, undefined, { signal }),
    enabled,
  });
}

export const createRound = (input: CreateRoundInput) =>
  api.post<EvaluationRound>('/evaluation-rounds', input);

export const setReviewers = (id: string, userIds: string[]) =>
  api.put<EvaluationRound>(`${roundPath(id)}/reviewers`, { userIds });

export const writeSelfSummary = (id: string, homeId: string, content: string) =>
  api.put<RoundHomeDetail>(`${roundHomePath(id, homeId)}/self-summary`, { content });

export const scoreHome = (id: string, homeId: string, input: ScoresInput) =>
  api.put<RoundHomeDetail>(`${roundHomePath(id, homeId)}/scores`, input);

export const transitionRound = (id: string, action: RoundAction, reason?: string) =>
  api.post<EvaluationRound>(`${roundPath(id)}/transitions`, { action, reason });

export const setCommendations = (id: string, homeIds: string[], memberIds: string[]) =>
  api.put<EvaluationRound>(`${roundPath(id)}/commendations`, { homeIds, memberIds });
