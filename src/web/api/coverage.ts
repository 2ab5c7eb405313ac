import { useQuery } from '@tanstack/react-query';
import { call, client } from './client';

export const COVERAGE_KEY = ['coverage'] as const;

/** Which sector groups and townships have an operating home (and which are still gaps). */
export function useCoverage() {
  return useQuery({
    queryKey: COVERAGE_KEY,
    queryFn: ({ signal }) => call(client.GET('/coverage', { signal })),
  });
}
