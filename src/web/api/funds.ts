import { useQuery } from '@tanstack/react-query';
import { api, apiUrl } from './client';
import type {
  AllocationInput,
  ExpenditureInput,
  FundGroup,
  FundLedger,
  FundReport,
  FundSettings,
} from './types';

/** First key element of a home's ledger: ['funds', homeId, year]; and of the lists under /funds. */
export const FUNDS_KEY = 'funds';
/** First key element of the pending approvals list (usePagedQuery). */
export const FUNDS_PENDING_KEY = 'funds-pending';

/**
 * The ability to approve large expenditures (the office and the district CPPCCs): only they see
 * 待我审批. Named here until the generated ABILITIES list carries it.
 */
export const FUNDS_DECIDE = 'funds.decide';

const fundsPath = (homeId: string) => `/homes/${encodeURIComponent(homeId)}/funds`;
const entryPath = (id: string) => `/fund-entries/${encodeURIComponent(id)}`;

export function useHomeFunds(homeId: string, year: number) {
  return useQuery({
    queryKey: [FUNDS_KEY, homeId, year],
    queryFn: ({ signal }) => api.get<FundLedger>(fundsPath(homeId), { year }, { signal }),
  });
}

export const allocateFunds = (homeId: string, input: AllocationInput) =>
  api.post<FundLedger>(`${fundsPath(homeId)}/allocations`, input);

export const recordExpenditure = (homeId: string, input: ExpenditureInput) =>
  api.post<FundLedger>(`${fundsPath(homeId)}/expenditures`, input);

export const decideExpenditure = (id: string, approve: boolean, note: string | undefined) =>
  api.post<FundLedger>(`${entryPath(id)}/${approve ? 'approve' : 'reject'}`, { note });

export const reverseEntry = (id: string, reason: string) =>
  api.post<FundLedger>(`${entryPath(id)}/reverse`, { reason });

export function useFundReport(year: number, groupBy: FundGroup) {
  return useQuery({
    queryKey: [FUNDS_KEY, 'report', year, groupBy],
    queryFn: ({ signal }) => api.get<FundReport>('/funds/report', { year, groupBy }, { signal }),
  });
}

/** The report as a spreadsheet (a plain download link). */
export const fundReportExportUrl = (year: number, groupBy: FundGroup) =>
  apiUrl('/funds/report.xlsx', { year, groupBy });

export function useFundSettings() {
  return useQuery({
    queryKey: [FUNDS_KEY, 'settings'],
    queryFn: ({ signal }) => api.get<FundSettings>('/funds/settings', undefined, { signal }),
  });
}

export const saveFundSettings = (approvalThreshold: string) =>
  api.put<FundSettings>('/funds/settings', { approvalThreshold });
