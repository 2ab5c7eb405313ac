import { useQuery } from '@tanstack/react-query';
import { call, client, upload } from './client';
import type { ImportResult, MemberInput } from './types';

/** First key element of member lists (usePagedQuery) — invalidate after changes. */
export const MEMBERS_KEY = 'members';
/** First key element of one member: ['member', id]. */
export const MEMBER_KEY = 'member';

export function useMember(id: string | null | undefined) {
  return useQuery({
    queryKey: [MEMBER_KEY, id],
    queryFn: ({ signal }) =>
      call(client.GET('/members/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

/** Up to 20 members matching `q` (name, employer, expertise), for pickers. */
export const searchMembers = (q: string, signal?: AbortSignal) =>
  call(client.GET('/members', { params: { query: { q: q || undefined, pageSize: 20 } }, signal }));

export const createMember = (input: MemberInput) => call(client.POST('/members', { body: input }));

export const updateMember = (id: string, input: Partial<MemberInput>) =>
  call(client.PATCH('/members/{id}', { params: { path: { id } }, body: input }));

/** The full mobile number; the server writes an audit row for every reveal. */
export const revealPhone = (id: string) =>
  call(client.POST('/members/{id}/reveal-phone', { params: { path: { id } } }));

/**
 * Uploads an .xlsx of members. With `partial`, the correct rows are written and the wrong ones
 * reported; without it, any error means nothing is written.
 */
export const importMembers = (file: Blob, partial: boolean, onProgress: (percent: number) => void) =>
  upload<ImportResult>('/members/import', file, {
    query: { partial: partial || undefined },
    onProgress,
  });

export const MEMBERS_EXPORT_PATH = '/members/export.xlsx';
export const MEMBERS_TEMPLATE_PATH = '/members/import-template.xlsx';
