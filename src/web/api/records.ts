import { useQuery } from '@tanstack/react-query';
import { api, apiUrl, type QueryParams } from './client';
import type {
  Activity,
  AdjustmentInput,
  DutyFlag,
  DutyFlagStatus,
  DutyRecord,
  DutyYear,
  Page,
  PointRuleset,
  Proposal,
  ProposalInput,
  RecomputeResult,
  ReportInput,
  ResearchReport,
  RulesetInput,
  RulesetVersion,
  SavedRuleset,
} from './types';

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

const recordPath = (memberId: string) => `/members/${encodeURIComponent(memberId)}/duty-record`;
const proposalPath = (id: string) => `/proposals/${encodeURIComponent(id)}`;
const reportPath = (id: string) => `/research-reports/${encodeURIComponent(id)}`;

export function useDutyRecord(memberId: string | null | undefined, year: number) {
  return useQuery({
    queryKey: [DUTY_RECORD_KEY, memberId, year],
    queryFn: ({ signal }) => api.get<DutyRecord>(recordPath(memberId ?? ''), { year }, { signal }),
    enabled: Boolean(memberId),
  });
}

/** Corrects an entry's points (with `sourceId`) or adds one; answers the record as it now is. */
export const adjustEntry = (memberId: string, input: AdjustmentInput) =>
  api.post<DutyRecord>(`${recordPath(memberId)}/adjustments`, input);

export const revokeAdjustment = (id: string, reason: string) =>
  api.post<DutyRecord>(`/duty-adjustments/${encodeURIComponent(id)}/revoke`, { reason });

export const flagMissing = (memberId: string, year: number, description: string) =>
  api.post<DutyFlag>(`${recordPath(memberId)}/flags`, { year, description });

export const resolveFlag = (id: string, status: Exclude<DutyFlagStatus, 'open'>, response: string) =>
  api.post<DutyFlag>(`/duty-flags/${encodeURIComponent(id)}/resolve`, { status, response });

/** The spreadsheet of the records list, with the list's filters (a plain download link). */
export const dutyRecordsExportUrl = (filters: QueryParams) => apiUrl('/duty-records/export.xlsx', filters);

export const recomputeYear = (year: number) => api.post<RecomputeResult>('/duty-records/recompute', { year });

export const closeYear = (year: number) => api.post<DutyYear>(`/duty-years/${year}/close`);

export function useDutyYears(enabled = true) {
  return useQuery({
    queryKey: [DUTY_RECORDS_KEY, 'years'],
    queryFn: ({ signal }) => api.get<DutyYear[]>('/duty-years', undefined, { signal }),
    enabled,
  });
}

/** The ruleset in force for a year. */
export function usePointRules(year: number) {
  return useQuery({
    queryKey: [POINT_RULES_KEY, year],
    queryFn: ({ signal }) => api.get<PointRuleset>('/point-rules', { year }, { signal }),
  });
}

export function usePointRulesets() {
  return useQuery({
    queryKey: [POINT_RULES_KEY, 'versions'],
    queryFn: ({ signal }) => api.get<RulesetVersion[]>('/point-rulesets', undefined, { signal }),
  });
}

export const saveRuleset = (year: number, input: RulesetInput) =>
  api.put<SavedRuleset>(`/point-rules/${year}`, input);

export function useProposal(id: string | undefined) {
  return useQuery({
    queryKey: [PROPOSAL_KEY, id],
    queryFn: ({ signal }) => api.get<Proposal>(proposalPath(id ?? ''), undefined, { signal }),
    enabled: Boolean(id),
  });
}

export const createProposal = (input: ProposalInput) => api.post<Proposal>('/proposals', input);
export const updateProposal = (id: string, input: Partial<ProposalInput>) =>
  api.patch<Proposal>(proposalPath(id), input);

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: [REPORT_KEY, id],
    queryFn: ({ signal }) => api.get<ResearchReport>(reportPath(id ?? ''), undefined, { signal }),
    enabled: Boolean(id),
  });
}

export const createReport = (input: ReportInput) => api.post<ResearchReport>('/research-reports', input);
export const updateReport = (id: string, input: Partial<ReportInput>) =>
  api.patch<ResearchReport>(reportPath(id), input);

/** Up to 20 activities matching `q` (title), for pickers. */
export const searchActivities = (q: string, signal?: AbortSignal) =>
  api.get<Page<Activity>>('/activities', { q: q || undefined, pageSize: 20 }, { signal });
