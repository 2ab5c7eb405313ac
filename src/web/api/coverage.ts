import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Coverage } from './types';

export const COVERAGE_KEY = ['coverage'] as const;

/** Which sector groups and townships have an operating home (and which are still gaps). */
export function useCoverage() {
  return useQuery({
    queryKey: COVERAGE_KEY,
    queryFn: ({ signal }) => api.get<Coverage>('/coverage', undefined, { signal }),
  });
}
