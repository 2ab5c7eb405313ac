import { useQuery } from '@tanstack/react-query';
import { api, apiUrl, nullIfNotFound, type QueryParams } from './client';
import type {
  Compliance,
  HomeRules,
  HomeScorecard,
  MissingDocument,
  MissingHome,
  Plan,
  PlanInput,
  ReminderKind,
  Rule,
  RuleInput,
  Signage,
  SignageItem,
  Summary,
} from './types';

/**
 * Key of a home's operation data: ['home-ops', homeId, part, …]. Invalidate ['home-ops', homeId]
 * after any change to the home's plan, summary, rules, signage or activities (the 六有 follows them).
 */
export const HOME_OPS_KEY = 'home-ops';
export const RULES_KEY = 'rules';
export const COMPLIANCE_KEY = 'compliance';

const homePath = (homeId: string) => `/homes/${encodeURIComponent(homeId)}`;

export function useScorecard(homeId: string, year: number) {
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, 'scorecard', year],
    queryFn: ({ signal }) => api.get<HomeScorecard>(`${homePath(homeId)}/scorecard`, { year }, { signal }),
  });
}

/** A home's plan of a year; null when none has been submitted (404). */
export function usePlan(homeId: string | undefined, year: number) {
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, 'plan', year],
    queryFn: ({ signal }) =>
      nullIfNotFound(api.get<Plan>(`${homePath(homeId ?? '')}/plans/${year}`, undefined, { signal })),
    enabled: Boolean(homeId),
  });
}

export const savePlan = (homeId: string, year: number, input: PlanInput) =>
  api.put<Plan>(`${homePath(homeId)}/plans/${year}`, input);

/** A home's summary of a year; null when none has been submitted (404). */
export function useSummary(homeId: string, year: number) {
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, 'summary', year],
    queryFn: ({ signal }) =>
      nullIfNotFound(api.get<Summary>(`${homePath(homeId)}/summaries/${year}`, undefined, { signal })),
  });
}

export const saveSummary = (homeId: string, year: number, content: string) =>
  api.put<Summary>(`${homePath(homeId)}/summaries/${year}`, { content });

// ---- 制度 ----

/** The unified rules (every version), or those plus a home's supplementary ones. */
export function useRules(homeId?: string) {
  return useQuery({
    queryKey: [RULES_KEY, homeId ?? null],
    queryFn: ({ signal }) => api.get<Rule[]>('/rules', { homeId }, { signal }),
  });
}

export const createRule = (input: RuleInput) => api.post<Rule>('/rules', input);

export function useHomeRules(homeId: string) {
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, 'rules'],
    queryFn: ({ signal }) => api.get<HomeRules>(`${homePath(homeId)}/rules`, undefined, { signal }),
  });
}

/** Marks unified rules as posted at the home on a date (the others keep their marks). */
export const postRules = (homeId: string, ruleIds: string[], postedOn: string) =>
  api.put<HomeRules>(`${homePath(homeId)}/rule-postings`, { ruleIds, postedOn });

// ---- 标牌 ----

export function useSignage(homeId: string) {
  return useQuery({
    queryKey: [HOME_OPS_KEY, homeId, 'signage'],
    queryFn: ({ signal }) => api.get<Signage[]>(`${homePath(homeId)}/signage`, undefined, { signal }),
  });
}

export const saveSignage = (
  homeId: string,
  item: SignageItem,
  input: { postedOn: string; photoId?: string },
) => api.put<Signage>(`${homePath(homeId)}/signage/${item}`, input);

// ---- 合规情况 ----

export interface ComplianceFilters {
  year: number;
  regionCode?: string;
  kind?: string;
  ownerUnitId?: string;
}

export function useCompliance(filters: ComplianceFilters) {
  return useQuery({
    queryKey: [COMPLIANCE_KEY, filters],
    queryFn: ({ signal }) => api.get<Compliance>('/compliance', { ...filters }, { signal }),
  });
}

/** Download link of the compliance table as Excel, with the same filters. */
export const complianceExportUrl = (filters: ComplianceFilters) =>
  apiUrl('/compliance/export.xlsx', { ...filters } satisfies QueryParams);

export function useMissing(year: number, what: MissingDocument) {
  return useQuery({
    queryKey: [COMPLIANCE_KEY, 'missing', year, what],
    queryFn: ({ signal }) => api.get<MissingHome[]>('/operations/missing', { year, what }, { signal }),
  });
}

/** Reminds the accounts that direct the home; resolves to how many were notified. */
export const remindHome = (homeId: string, kind: ReminderKind) =>
  api.post<{ notified: number }>(`${homePath(homeId)}/reminders`, { kind });
