import { useQuery } from '@tanstack/react-query';
import { API_BASE, call, client, upload } from './client';
import type { Attachment, HomeInput, HomePatch, TransitionInput } from './types';

export type { HomePatch };

/** First key element of home lists (usePagedQuery, a member's homes) — invalidate after changes. */
export const HOMES_KEY = 'homes';
/** First key element of one home and its history / attachments: ['home', id, …]. */
export const HOME_KEY = 'home';

const homePath = (id: string) => `/homes/${encodeURIComponent(id)}`;

/** One home's detail, as `useHome` and the queries that read it first (`fetchQuery`) ask for it. */
export const homeQuery = (id: string | undefined) => ({
  queryKey: [HOME_KEY, id],
  queryFn: ({ signal }: { signal?: AbortSignal }) =>
    call(client.GET('/homes/{id}', { params: { path: { id: id ?? '' } }, signal })),
});

export function useHome(id: string | undefined) {
  return useQuery({ ...homeQuery(id), enabled: Boolean(id) });
}

/** The units the user may register a new home under (the server's rule; the form offers only these). */
export function useOwnerUnits(enabled: boolean) {
  return useQuery({
    queryKey: [HOME_KEY, 'owner-units'],
    queryFn: ({ signal }) => call(client.GET('/homes/owner-units', { signal })),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The homes a member belongs to (as director, deputy or member): at most 50. */
export function useMemberHomes(memberId: string | null | undefined) {
  const params = { memberId: memberId ?? undefined, pageSize: 50 };
  return useQuery({
    queryKey: [HOMES_KEY, params],
    queryFn: ({ signal }) => call(client.GET('/homes', { params: { query: params }, signal })),
    enabled: Boolean(memberId),
  });
}

/** Up to 20 homes in the caller's scope matching `q` (name, brand), for pickers. */
export const searchHomes = (q: string, signal?: AbortSignal) =>
  call(client.GET('/homes', { params: { query: { q: q || undefined, pageSize: 20 } }, signal }));

export function useHomeHistory(id: string | undefined) {
  return useQuery({
    queryKey: [HOME_KEY, id, 'history'],
    queryFn: ({ signal }) =>
      call(client.GET('/homes/{id}/history', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export function useHomeAttachments(id: string | undefined) {
  return useQuery({
    queryKey: [HOME_KEY, id, 'attachments'],
    queryFn: ({ signal }) =>
      call(client.GET('/homes/{id}/attachments', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export const createHome = (input: HomeInput) => call(client.POST('/homes', { body: input }));

export const updateHome = (id: string, input: HomePatch) =>
  call(client.PATCH('/homes/{id}', { params: { path: { id } }, body: input }));

export const transitionHome = (id: string, input: TransitionInput) =>
  call(client.POST('/homes/{id}/transitions', { params: { path: { id } }, body: input }));

export const uploadHomeAttachment = (id: string, file: Blob, onProgress: (percent: number) => void) =>
  upload<Attachment>(`${homePath(id)}/attachments`, file, { onProgress });

/** Download link of an attachment. */
export const attachmentUrl = (id: string) => `${API_BASE}/attachments/${encodeURIComponent(id)}`;
