import { keepPreviousData, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type QueryParams, request } from '../api/client';
import type { paths } from '../api/openapi.gen';
import type { Json, Page } from '../api/types';
import { withParams } from './useSetParams';

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];

/** The API's paged lists: paths whose answer is `{ items, total, page, pageSize }`. */
type PagedPath = {
  [P in keyof paths]: Json<P> extends { items: unknown[]; total: number } ? P : never;
}[keyof paths];

/** The paged lists whose rows are (at least) a T: a page typed with rows the list does not send fails the typecheck. */
export type ListingOf<T> = {
  [P in PagedPath]: Json<P> extends { items: (infer Row)[] } ? (Row extends T ? P : never) : never;
}[PagedPath];

export interface PagedQueryOptions<T, F extends string> {
  /** First element of the React Query key; invalidate it after changes (e.g. 'users'). */
  key: string;
  /** API path of a paged list of T, e.g. '/users'. */
  path: ListingOf<T>;
  /** Names of the filter query parameters, sent to the server and kept in the page URL. */
  filters: readonly F[];
  defaultPageSize?: number;
  /** Parameters always sent and not kept in the URL (e.g. the home of a home's own tab). */
  fixed?: QueryParams;
}

export type FilterValues<F extends string> = Partial<Record<F, string>>;

export interface PagedQuery<T, F extends string> {
  page: number;
  pageSize: number;
  filters: FilterValues<F>;
  /** Changes some filters (undefined or '' removes one) and goes back to page 1. */
  setFilters: (changes: Partial<Record<F, string | undefined>>) => void;
  resetFilters: () => void;
  setPage: (page: number, pageSize?: number) => void;
  query: UseQueryResult<Page<T>, Error>;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Server-side paginated, filtered list whose state (page, pageSize, filters) lives in the URL's
 * query string, so it survives reloads and works with back/forward. Used with <DataTable>.
 */
export function usePagedQuery<T, F extends string>(options: PagedQueryOptions<T, F>): PagedQuery<T, F> {
  const { key, path, filters: filterNames, defaultPageSize = DEFAULT_PAGE_SIZE, fixed } = options;
  const [searchParams, setSearchParams] = useSearchParams();

  const page = positiveInt(searchParams.get('page'), 1);
  const pageSize = Math.min(positiveInt(searchParams.get('pageSize'), defaultPageSize), 100);

  const filterKey = filterNames.map((name) => `${name}=${searchParams.get(name) ?? ''}`).join('&');
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey captures the filter values of searchParams.
  const filters = useMemo(() => {
    const values: FilterValues<F> = {};
    for (const name of filterNames) {
      const value = searchParams.get(name);
      if (value) values[name] = value;
    }
    return values;
  }, [filterKey]);

  const fixedKey = JSON.stringify(fixed ?? {});
  // biome-ignore lint/correctness/useExhaustiveDependencies: fixedKey captures the values of fixed.
  const params = useMemo(
    () => ({ ...fixed, ...filters, page, pageSize }),
    [filters, page, pageSize, fixedKey],
  );

  const query = useQuery({
    queryKey: [key, params],
    queryFn: ({ signal }) => request<Page<T>>('GET', path, { query: params, signal }),
    placeholderData: keepPreviousData,
  });

  const setFilters = useCallback(
    (changes: Partial<Record<F, string | undefined>>) => {
      setSearchParams(
        (prev) => {
          const next = withParams(prev, changes);
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  const resetFilters = useCallback(() => {
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const name of filterNames) next.delete(name);
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [setSearchParams, filterNames]);

  const setPage = useCallback(
    (nextPage: number, nextPageSize?: number) => {
      setSearchParams((prev) => {
        const next = new URLSearchParams(prev);
        const size = nextPageSize ?? pageSize;
        // Changing the page size starts again from page 1.
        const target = size !== pageSize ? 1 : nextPage;
        if (target > 1) next.set('page', String(target));
        else next.delete('page');
        if (size !== defaultPageSize) next.set('pageSize', String(size));
        else next.delete('pageSize');
        return next;
      });
    },
    [setSearchParams, pageSize, defaultPageSize],
  );

  return { page, pageSize, filters, setFilters, resetFilters, setPage, query };
}
