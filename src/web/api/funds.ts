import { useQuery } from '@tanstack/react-query';
import { apiUrl, call, client } from './client';
import type { AllocationInput, ExpenditureInput, FundGroup } from './types';

/** First key element of a home's ledger: ['funds', homeId, year]; and of the lists under /funds. */
export const FUNDS_KEY = 'funds';
/** First key element of the pending approvals list (usePagedQuery). */
export const FUNDS_PENDING_KEY = 'funds-pending';

export function useHomeFunds(homeId: string, year: number) {
  return useQuery({
    queryKey: [FUNDS_KEY, homeId, year],
    queryFn: ({ signal }) =>
      call(client.GET('/homes/{id}/funds', { params: { path: { id: homeId }, query: { year } }, signal })),
  });
}

/**
 * GET /homes/{id}/funds/export.xlsx with the home's id in it: ExportButton fetches its path as
 * given and fills in no path parameter, so the typed path is named here with the id put in.
 */
export const allocateFunds = (homeId: string, input: AllocationInput) =>
  call(client.POST('/homes/{id}/funds/allocations', { params: { path: { id: homeId } }, body: input }));

export const recordExpenditure = (homeId: string, input: ExpenditureInput) =>
  call(client.POST('/homes/{id}/funds/expenditures', { params: { path: { id: homeId } }, body: input }));

export const decideExpenditure = (id: string, approve: boolean, note: string | undefined) =>
  approve
    ? call(client.POST('/fund-entries/{id}/approve', { params: { path: { id } }, body: { note } }))
    : call(client.POST('/fund-entries/{id}/reject', { params: { path: { id } }, body: { note } }));

export const reverseEntry = (id: string, reason: string) =>
  call(client.POST('/fund-entries/{id}/reverse', { params: { path: { id } }, body: { reason } }));

export function useFundReport(year: number, groupBy: FundGroup) {
  return useQuery({
    queryKey: [FUNDS_KEY, 'report', year, groupBy],
    queryFn: ({ signal }) =>
      call(client.GET('/funds/report', { params: { query: { year, groupBy } }, signal })),
  });
}

/** The report as a spreadsheet (a plain download link). */
export const fundReportExportUrl = (year: number, groupBy: FundGroup) =>
  apiUrl('/funds/report.xlsx', { year, groupBy });

export function useFundSettings() {
  return useQuery({
    queryKey: [FUNDS_KEY, 'settings'],
    queryFn: ({ signal }) => call(client.GET('/funds/settings', { signal })),
  });
}

export const saveFundSettings = (approvalThreshold: string) =>
  call(client.PUT('/funds/settings', { body: { approvalThreshold } }));
