import { useQuery } from '@tanstack/react-query';
import { apiUrl, call, client, type QueryParams } from './client';
import type { AdjustmentInput, DutyFlagStatus, ProposalInput, ReportInput, RulesetInput } from './types';

/** First key element of one member's record: ['duty-record', memberId, year]. */
export const DUTY_RECORD_KEY = 'duty-record';
/** First key element of the records list (usePagedQuery) and the years — invalidate after changes. */
export const DUTY_RECORDS_KEY = 'duty-records';
/** First key element of the flags list (usePagedQuery). */
export const DUTY_FLAGS_KEY = 'duty-flags';
/** First key element of the points rules and their versions. */
export const POINT_RULES_KEY = 'point-rules';
export const PROPOSALS_KEY = 'proposals';
export const PROPOSAL_KEY = 'proposal';
export const REPORTS_KEY = 'research-reports';
export const REPORT_KEY = 'research-report';

export function useDutyRecord(memberId: string | null | undefined, year: number) {
  return useQuery({
    queryKey: [DUTY_RECORD_KEY, memberId, year],
    queryFn: ({ signal }) =>
      call(
        client.GET('/members/{id}/duty-record', {
          params: { path: { id: memberId ?? '' }, query: { year } },
          signal,
        }),
      ),
    enabled: Boolean(memberId),
  });
}

/** Corrects an entry's points (with `sourceId`) or adds one; answers the record as it now is. */
export const adjustEntry = (memberId: string, input: AdjustmentInput) =>
  call(
    client.POST('/members/{id}/duty-record/adjustments', { params: { path: { id: memberId } }, body: input }),
  );

export const revokeAdjustment = (id: string, reason: string) =>
  call(client.POST('/duty-adjustments/{id}/revoke', { params: { path: { id } }, body: { reason } }));

export const flagMissing = (memberId: string, year: number, description: string) =>
  call(
    client.POST('/members/{id}/duty-record/flags', {
      params: { path: { id: memberId } },
      body: { year, description },
    }),
  );

export const resolveFlag = (id: string, status: Exclude<DutyFlagStatus, 'open'>, response: string) =>
  call(client.POST('/duty-flags/{id}/resolve', { params: { path: { id } }, body: { status, response } }));

/** The spreadsheet of the records list, with the list's filters (a plain download link). */
export const dutyRecordsExportUrl = (filters: QueryParams) => apiUrl('/duty-records/export.xlsx', filters);

export const recomputeYear = (year: number) =>
  call(client.POST('/duty-records/recompute', { body: { year } }));

export const closeYear = (year: number) =>
  call(client.POST('/duty-years/{year}/close', { params: { path: { year } } }));

export function useDutyYears(enabled = true) {
  return useQuery({
    queryKey: [DUTY_RECORDS_KEY, 'years'],
    queryFn: ({ signal }) => call(client.GET('/duty-years', { signal })),
    enabled,
  });
}

/** The ruleset in force for a year. */
export function usePointRules(year: number) {
  return useQuery({
    queryKey: [POINT_RULES_KEY, year],
    queryFn: ({ signal }) => call(client.GET('/point-rules', { params: { query: { year } }, signal })),
  });
}

export function usePointRulesets() {
  return useQuery({
    queryKey: [POINT_RULES_KEY, 'versions'],
    queryFn: ({ signal }) => call(client.GET('/point-rulesets', { signal })),
  });
}

export const saveRuleset = (year: number, input: RulesetInput) =>
  call(client.PUT('/point-rules/{year}', { params: { path: { year } }, body: input }));

export function useProposal(id: string | undefined) {
  return useQuery({
    queryKey: [PROPOSAL_KEY, id],
    queryFn: ({ signal }) =>
      call(client.GET('/proposals/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export const createProposal = (input: ProposalInput) => call(client.POST('/proposals', { body: input }));
export const updateProposal = (id: string, input: Partial<ProposalInput>) =>
  call(client.PATCH('/proposals/{id}', { params: { path: { id } }, body: input }));

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: [REPORT_KEY, id],
    queryFn: ({ signal }) =>
      call(client.GET('/research-reports/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export const createReport = (input: ReportInput) => call(client.POST('/research-reports', { body: input }));
export const updateReport = (id: string, input: Partial<ReportInput>) =>
  call(client.PATCH('/research-reports/{id}', { params: { path: { id } }, body: input }));

/** Up to 20 activities matching `q` (title), for pickers. */
export const searchActivities = (q: string, signal?: AbortSignal) =>
  call(client.GET('/activities', { params: { query: { q: q || undefined, pageSize: 20 } }, signal }));
