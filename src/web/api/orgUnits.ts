import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useCallback, useMemo } from 'react';
import { call, client } from './client';
import type { OrgUnit, OrgUnitKind } from './types';

export const ORG_UNITS_KEY = ['org-units'] as const;

/** All org units (municipal, office, committees, sector groups, districts). Rarely changes. */
export function useOrgUnits() {
  return useQuery({
    queryKey: ORG_UNITS_KEY,
    queryFn: ({ signal }) => call(client.GET('/org-units', { signal })),
    staleTime: 10 * 60_000,
  });
}

/** id → org unit, for resolving scope names. */
export function useOrgUnitMap(): Map<string, OrgUnit> {
  const { data } = useOrgUnits();
  return useMemo(() => new Map((data ?? []).map((unit) => [unit.id, unit])), [data]);
}

/**
 * The name of a unit for display: '…' while the units load (never its id in the meantime), the id
 * only for a unit the server does not know.
 */
export function useOrgUnitName(): (id: string) => string {
  const { data, isPending } = useOrgUnits();
  const byId = useMemo(() => new Map((data ?? []).map((unit) => [unit.id, unit.name])), [data]);
  return useCallback((id: string) => byId.get(id) ?? (isPending ? '…' : id), [byId, isPending]);
}

/** Select options of the units of some kinds, grouped by kind (one group per kind that has units). */
export function orgUnitOptions(t: TFunction, units: readonly OrgUnit[], kinds: readonly OrgUnitKind[]) {
  return kinds
    .map((kind) => ({
      label: t(`orgKinds.${kind}`),
      title: t(`orgKinds.${kind}`),
      options: units
        .filter((unit) => unit.kind === kind)
        .map((unit) => ({ value: unit.id, label: unit.name })),
    }))
    .filter((group) => group.options.length > 0);
}

/** Flat select options of the units of one or more kinds. */
export function flatOrgUnitOptions(units: readonly OrgUnit[], kinds: readonly OrgUnitKind[]) {
  return units
    .filter((unit) => kinds.includes(unit.kind))
    .map((unit) => ({ value: unit.id, label: unit.name }));
}
