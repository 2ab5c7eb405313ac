import { useQuery } from '@tanstack/react-query';
import { apiUrl, call, client } from './client';

/** First key element of the dashboard and the attention list — invalidate after a refresh. */
export const DASHBOARD_KEY = 'dashboard';

export function useDashboard(year: number) {
  return useQuery({
    queryKey: [DASHBOARD_KEY, year],
    queryFn: ({ signal }) => call(client.GET('/dashboard', { params: { query: { year } }, signal })),
  });
}

/** 需要关注: scoped by the server to the caller's role (403 for those without a dashboard). */
export function useAttention() {
  return useQuery({
    queryKey: [DASHBOARD_KEY, 'attention'],
    queryFn: ({ signal }) => call(client.GET('/dashboard/attention', { signal })),
  });
}

/** The whole dashboard as one workbook, a sheet per chart (a plain download link). */
export const dashboardExportUrl = (year: number) => apiUrl('/dashboard/export.xlsx', { year });

/** Rebuilds the activity summaries now (the office). */
export const refreshDashboard = () => call(client.POST('/dashboard/refresh'));
