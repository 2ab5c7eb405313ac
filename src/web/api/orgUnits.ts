import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './client';
import type { OrgUnit } from './types';

export const ORG_UNITS_KEY = ['org-units'] as const;

/** All org units (municipal, office, committees, sector groups, districts). Rarely changes. */
export function useOrgUnits() {
  return useQuery({
    queryKey: ORG_UNITS_KEY,
    queryFn: ({ signal }) => api.get<OrgUnit[]>('/org-units', undefined, { signal }),
    staleTime: 10 * 60_000,
  });
}

/** id → org unit, for resolving scope names. */
export function useOrgUnitMap(): Map<string, OrgUnit> {
  const { data } = useOrgUnits();
  return useMemo(() => new Map((data ?? []).map((unit) => [unit.id, unit])), [data]);
}
