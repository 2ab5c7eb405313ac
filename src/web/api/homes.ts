import { useQuery } from '@tanstack/react-query';
import { API_BASE, api, upload } from './client';
import type { Attachment, Home, HomeDetail, HomeInput, HomeTransition, Page, TransitionInput } from './types';

/** First key element of home lists (usePagedQuery, a member's homes) — invalidate after changes. */
export const HOMES_KEY = 'homes';
/** First key element of one home and its history / attachments: ['home', id, …]. */
export const HOME_KEY = 'home';

const homePath = (id: string) => `/homes/${encodeURIComponent(id)}`;

export function useHome(id: string | undefined) {
  return useQuery({
    queryKey: [HOME_KEY, id],
    queryFn: ({ signal }) => api.get<HomeDetail>(homePath(id ?? ''), undefined, { signal }),
    enabled: Boolean(id),
  });
}

/** The homes a member belongs to (as director, deputy or member): at most 50. */
export function useMemberHomes(memberId: string | null | undefined) {
  const params = { memberId: memberId ?? undefined, pageSize: 50 };
  return useQuery({
    queryKey: [HOMES_KEY, params],
    queryFn: ({ signal }) => api.get<Page<Home>>('/homes', params, { signal }),
    enabled: Boolean(memberId),
  });
}

/** Up to 20 homes in the caller's scope matching `q` (name, brand), for pickers. */
export const searchHomes = (q: string, signal?: AbortSignal) =>
  api.get<Page<Home>>('/homes', { q: q || undefined, pageSize: 20 }, { signal });

export function useHomeHistory(id: string | undefined) {
  return useQuery({
    queryKey: [HOME_KEY, id, 'history'],
    queryFn: ({ signal }) =>
      api.get<HomeTransition[]>(`${homePath(id ?? '')}/history`, undefined, { signal }),
    enabled: Boolean(id),
  });
}

export function useHomeAttachments(id: string | undefined) {
  return useQuery({
    queryKey: [HOME_KEY, id, 'attachments'],
    queryFn: ({ signal }) =>
      api.get<Attachment[]>(`${homePath(id ?? '')}/attachments`, undefined, { signal }),
    enabled: Boolean(id),
  });
}

export const createHome = (input: HomeInput) => api.post<HomeDetail>('/homes', input);

/**
 * What an edit may change: where a home belongs (kind, level, owning unit) is fixed when it is
 * registered, and the server refuses those fields on PATCH.
 */
export type HomePatch = Partial<Omit<HomeInput, 'kind' | 'level' | 'ownerUnitId'>>;

export const updateHome = (id: string, input: HomePatch) => api.patch<HomeDetail>(homePath(id), input);

export const transitionHome = (id: string, input: TransitionInput) =>
  api.post<Home>(`${homePath(id)}/transitions`, input);

export const uploadHomeAttachment = (id: string, file: Blob, onProgress: (percent: number) => void) =>
  upload<Attachment>(`${homePath(id)}/attachments`, file, { onProgress });

/** Download link of an attachment. */
export const attachmentUrl = (id: string) => `${API_BASE}/attachments/${encodeURIComponent(id)}`;
