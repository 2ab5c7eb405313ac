import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiUrl, call, client, nullIfNotFound, type QueryParams } from './client';
import { homeQuery } from './homes';
import type { MissingDocument, PlanInput, Query, ReminderKind, RuleInput, SignageItem } from './types';

/**
 * Key of a home's operation data: ['home-ops', homeId, part, …]. Invalidate ['home-ops', homeId]
 * after any change to the home's plan, summary, rules, signage or activities (the 六有 follows them).
 */
export const HOME_OPS_KEY = 'home-ops';
export const RULES_KEY = 'rules';
export const COMPLIANCE_KEY = 'compliance';

export function useScorecard(homeId: string, year: number) {
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, 'scorecard', year],
    queryFn: ({ signal }) =>
      call(
        client.GET('/homes/{id}/scorecard', { params: { path: { id: homeId }, query: { year } }, signal }),
      ),
  });
}

/**
 * A home's plan or summary of a year; null when none has been submitted. The home's detail lists
 * the years it has submitted them, so a year without one is not asked for (a 404 the console would
 * log). After saving one, invalidate the home (`[HOME_KEY, id]`) before [HOME_OPS_KEY, id].
 */
function useYearlyDocument<D>(
  kind: 'plan' | 'summary',
  homeId: string | undefined,
  year: number,
  fetch: (homeId: string, signal: AbortSignal) => Promise<D>,
) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, kind, year],
    queryFn: async ({ signal }) => {
      const home = await queryClient.fetchQuery(homeQuery(homeId));
      const years = kind === 'plan' ? home.documents.plans : home.documents.summaries;
      return years.includes(year) ? nullIfNotFound(fetch(homeId!, signal)) : null;
    },
    enabled: Boolean(homeId),
  });
}

/** A home's plan of a year; null when none has been submitted. */
export function usePlan(homeId: string | undefined, year: number) {
  return useYearlyDocument('plan', homeId, year, (id, signal) =>
    call(client.GET('/homes/{id}/plans/{year}', { params: { path: { id, year } }, signal })),
  );
}

export const savePlan = (homeId: string, year: number, input: PlanInput) =>
  call(client.PUT('/homes/{id}/plans/{year}', { params: { path: { id: homeId, year } }, body: input }));

/** A home's summary of a year; null when none has been submitted. */
export function useSummary(homeId: string, year: number) {
  return useYearlyDocument('summary', homeId, year, (id, signal) =>
    call(client.GET('/homes/{id}/summaries/{year}', { params: { path: { id, year } }, signal })),
  );
}

/** The print (PDF) of a home's plan or summary of a year. */
export const yearlyDocumentPrintUrl = (kind: 'plan' | 'summary', homeId: string, year: number) =>
  apiUrl(`/homes/${encodeURIComponent(homeId)}/${kind === 'plan' ? 'plans' : 'summaries'}/${year}.pdf`);

/**
 * Whether a home's summary of a year may still be submitted or changed, and by the caller: the tab
 * offers 填写 and 修改 only then (after 31 January of the next year the server refuses them).
 */
export function useSummaryWindow(homeId: string, year: number) {
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, 'summary-window', year],
    queryFn: ({ signal }) =>
      call(
        client.GET('/homes/{id}/summaries/{year}/window', { params: { path: { id: homeId, year } }, signal }),
      ),
  });
}

export const saveSummary = (homeId: string, year: number, content: string) =>
  call(
    client.PUT('/homes/{id}/summaries/{year}', { params: { path: { id: homeId, year } }, body: { content } }),
  );

// ---- 制度 ----

/** The unified rules (every version), or those plus a home's supplementary ones. */
export function useRules(homeId?: string) {
  return useQuery({
    queryKey: [RULES_KEY, homeId ?? null],
    queryFn: ({ signal }) => call(client.GET('/rules', { params: { query: { homeId } }, signal })),
  });
}

export const createRule = (input: RuleInput) => call(client.POST('/rules', { body: input }));

export function useHomeRules(homeId: string) {
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, 'rules'],
    queryFn: ({ signal }) =>
      call(client.GET('/homes/{id}/rules', { params: { path: { id: homeId } }, signal })),
  });
}

/** Marks unified rules as posted at the home on a date (the others keep their marks). */
export const postRules = (homeId: string, ruleIds: string[], postedOn: string) =>
  call(
    client.PUT('/homes/{id}/rule-postings', {
      params: { path: { id: homeId } },
      body: { ruleIds, postedOn },
    }),
  );

// ---- 标牌 ----

export function useSignage(homeId: string) {
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, 'signage'],
    queryFn: ({ signal }) =>
      call(client.GET('/homes/{id}/signage', { params: { path: { id: homeId } }, signal })),
  });
}

export const saveSignage = (
  homeId: string,
  item: SignageItem,
  input: { postedOn: string; photoId?: string },
) => call(client.PUT('/homes/{id}/signage/{item}', { params: { path: { id: homeId, item } }, body: input }));

// ---- 合规情况 ----

export type ComplianceFilters = Query<'/compliance'> & { year: number };

export function useCompliance(filters: ComplianceFilters) {
  return useQuery({
    queryKey: [COMPLIANCE_KEY, filters],
    queryFn: ({ signal }) => call(client.GET('/compliance', { params: { query: { ...filters } }, signal })),
  });
}

/** Download link of the compliance table as Excel, with the same filters. */
export const complianceExportUrl = (filters: ComplianceFilters) =>
  apiUrl('/compliance/export.xlsx', { ...filters } satisfies QueryParams);

/** The compliance report as a print (PDF), with the same filters. */
export const compliancePrintUrl = (filters: ComplianceFilters) =>
  apiUrl('/compliance.pdf', { ...filters } satisfies QueryParams);

export function useMissing(year: number, what: MissingDocument) {
  return useQuery({
    queryKey: [COMPLIANCE_KEY, 'missing', year, what],
    queryFn: ({ signal }) =>
      call(client.GET('/operations/missing', { params: { query: { year, what } }, signal })),
  });
}

/** Reminds the accounts that direct the home; resolves to how many were notified. */
export const remindHome = (homeId: string, kind: ReminderKind) =>
  call(client.POST('/homes/{id}/reminders', { params: { path: { id: homeId } }, body: { kind } }));
