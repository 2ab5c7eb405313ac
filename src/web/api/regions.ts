import { useQueries, useQuery } from '@tanstack/react-query';
import { call, client } from './client';

/** Code of the city (鄂尔多斯市); its children are the nine banners / districts. */
export const CITY_REGION_CODE = '150600';

const REGIONS_KEY = 'regions';
const regionChildrenOptions = (parentCode: string) => ({
  queryKey: [REGIONS_KEY, 'children', parentCode],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(client.GET('/regions', { params: { query: { parentCode } }, signal })).then((page) => page.items),
  staleTime: 60 * 60_000,
});

/** Children of several regions at once (reference data, cached for an hour). */
export function useRegionChildren(parentCodes: readonly string[]) {
  return useQueries({ queries: parentCodes.map(regionChildrenOptions) });
}

/** One region by code (e.g. to name a code found in workflow data). */
export function useRegion(code: string | null | undefined) {
  return useQuery({
    queryKey: [REGIONS_KEY, 'one', code],
    queryFn: ({ signal }) =>
      call(client.GET('/regions/{code}', { params: { path: { code: code ?? '' } }, signal })),
    enabled: Boolean(code),
    staleTime: 60 * 60_000,
  });
}

/**
 * The codes from the district down to `code`: region codes nest by prefix
 * (150602 → 150602001 → 150602001001).
 */
export function regionPath(code: string | null | undefined): string[] {
  if (!code) return [];
  const path: string[] = [];
  for (const length of [6, 9, 12]) if (code.length >= length) path.push(code.slice(0, length));
  return path;
}
