import { useQuery } from '@tanstack/react-query';
import type { RoundAction } from '../../domain/evaluation';
import { apiUrl, call, client } from './client';
import type { CreateRoundInput, ScoresInput } from './types';

/** First key element of the rounds list: ['evaluation-rounds', year]. */
export const ROUNDS_KEY = 'evaluation-rounds';
/** First key element of one round and what hangs off it: ['evaluation-round', id, …]. */
export const ROUND_KEY = 'evaluation-round';

export function useRounds(year: number) {
  return useQuery({
    queryKey: [ROUNDS_KEY, year],
    // a year has at most one municipal round and one per district: one page holds them all
    queryFn: ({ signal }) =>
      call(client.GET('/evaluation-rounds', { params: { query: { year, pageSize: 200 } }, signal })),
    select: (page) => page.items,
  });
}

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: [ROUND_KEY, id],
    queryFn: ({ signal }) =>
      call(client.GET('/evaluation-rounds/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export function useRoundHome(id: string, homeId: string | null) {
  return useQuery({
    queryKey: [ROUND_KEY, id, 'home', homeId],
    queryFn: ({ signal }) =>
      call(
        client.GET('/evaluation-rounds/{id}/homes/{homeId}', {
          params: { path: { id, homeId: homeId ?? '' } },
          signal,
        }),
      ),
    enabled: Boolean(homeId),
  });
}

/** The published results: the latest revision unless one is named. */
export function usePublication(id: string, revision: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [ROUND_KEY, id, 'publication', revision ?? 'latest'],
    queryFn: ({ signal }) =>
      call(
        client.GET('/evaluation-rounds/{id}/publication', {
          params: { path: { id }, query: { revision } },
          signal,
        }),
      ),
    enabled,
  });
}

/** Who the round's owner may choose as reviewers (only for those who run the round). */
export function useReviewerCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [ROUND_KEY, id, 'reviewer-candidates'],
    queryFn: ({ signal }) =>
      call(client.GET('/evaluation-rounds/{id}/reviewer-candidates', { params: { path: { id } }, signal })),
    enabled,
  });
}

export const createRound = (input: CreateRoundInput) =>
  call(client.POST('/evaluation-rounds', { body: input }));

export const setReviewers = (id: string, userIds: string[]) =>
  call(client.PUT('/evaluation-rounds/{id}/reviewers', { params: { path: { id } }, body: { userIds } }));

export const writeSelfSummary = (id: string, homeId: string, content: string) =>
  call(
    client.PUT('/evaluation-rounds/{id}/homes/{homeId}/self-summary', {
      params: { path: { id, homeId } },
      body: { content },
    }),
  );

export const scoreHome = (id: string, homeId: string, input: ScoresInput) =>
  call(
    client.PUT('/evaluation-rounds/{id}/homes/{homeId}/scores', {
      params: { path: { id, homeId } },
      body: input,
    }),
  );

export const transitionRound = (id: string, action: RoundAction, reason?: string, documentNumber?: string) =>
  call(
    client.POST('/evaluation-rounds/{id}/transitions', {
      params: { path: { id } },
      body: { action, reason, documentNumber },
    }),
  );

/** The notice (通报) of a published revision, the latest by default, as a PDF. */
export const noticePdfPath = (id: string, revision?: number) =>
  apiUrl(`/evaluation-rounds/${encodeURIComponent(id)}/notice.pdf`, { revision });

/** The certificates (奖状) of the commended homes and members, one A4 page each. */
export const certificatesPdfPath = (id: string) =>
  apiUrl(`/evaluation-rounds/${encodeURIComponent(id)}/certificates.pdf`);

export const setCommendations = (id: string, homeIds: string[], memberIds: string[]) =>
  call(
    client.PUT('/evaluation-rounds/{id}/commendations', {
      params: { path: { id } },
      body: { homeIds, memberIds },
    }),
  );
